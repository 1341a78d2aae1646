"""Demo content for the bilingual MeeleefGezin site (`manage.py load_demo_content`)."""
