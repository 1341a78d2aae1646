"""Security headers and uploads: Content-Security-Policy, Permissions-Policy, images, documents."""

from io import BytesIO

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory, override_settings
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images import get_image_model

from collective.models import ArticleIndexPage, ArticlePage, AudiencePage, ContentPage
from core.headers import ContentSecurityPolicyMiddleware
from core.views import server_error
from home.models import HomePage
from intake.finder.pages import FindSupportPage
from intake.models import IntakeFormPage
from programs.models import ProgramPage
from tests.conftest import otp_login
from tests.content.helpers import english_of, live_dutch_page_of_type

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

RECAPTCHA_KEYS = {"RECAPTCHA_PUBLIC_KEY": "public-test-key", "RECAPTCHA_PRIVATE_KEY": "private-test-key"}
RECAPTCHA_HOSTS = ("www.google.com", "www.gstatic.com", "www.recaptcha.net", "recaptcha.google.com")
PAGE_TYPES = [HomePage, ProgramPage, ArticleIndexPage, ArticlePage, ContentPage, AudiencePage, FindSupportPage]
LANGUAGES = ["nl", "en"]


def policy(response, header="Content-Security-Policy"):
    """The policy as {directive: [sources]}."""
    assert header in response, f"no {header} header"
    directives = {}
    for part in response[header].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def url_of(model, language):
    page = live_dutch_page_of_type(model)
    assert page is not None, f"the demo has no {model.__name__}"
    if language == "en":
        page = english_of(page)
    return page.get_url()


def public_urls():
    """Every public page type in both languages, with search and a 404."""
    urls = [url_of(model, language) for model in PAGE_TYPES + [IntakeFormPage] for language in LANGUAGES]
    return urls + ["/search/?q=gezin", "/en/search/?q=family", "/bestaat-niet/", "/en/does-not-exist/"]


def assert_strict(response):
    csp = policy(response)
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert csp["script-src"][0] == "'self'"
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in csp["style-src"]
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "interest-cohort"):
        assert f"{feature}=()" in permissions
    assert response["X-Frame-Options"] == "DENY"
    return csp


def test_every_public_page_type_in_both_languages_sends_the_strict_policy(client):
    for url in public_urls():
        response = client.get(url)
        assert response.status_code in (200, 404), url
        csp = assert_strict(response)
        sources = " ".join(source for sources in csp.values() for source in sources)
        for host in RECAPTCHA_HOSTS:
            assert host not in sources, (url, host)


def test_404_pages_are_really_404s(client):
    assert client.get("/bestaat-niet/").status_code == 404
    assert client.get("/en/does-not-exist/").status_code == 404


def test_public_templates_have_no_inline_script_style_or_handlers(client):
    """What the policy would block must not be there: every script is a file, every style a sheet."""
    for url in public_urls():
        html = BeautifulSoup(client.get(url).content.decode(), "html.parser")
        for script in html.find_all("script"):
            assert script.get("src") or script.get("type") == "application/json", (url, str(script)[:80])
        assert html.find("style") is None, url
        for element in html.find_all(True):
            assert "style" not in element.attrs, (url, element.name)
            handlers = [name for name in element.attrs if name.startswith("on")]
            assert not handlers, (url, element.name, handlers)
            assert not str(element.get("href", "")).lower().startswith("javascript:"), url


def test_the_nonce_is_new_on_every_response():
    """A nonce that repeats is no protection; the 500 page uses it for its one inline style."""
    nonces = set()
    for _ in range(2):
        request = RequestFactory().get("/")
        middleware = ContentSecurityPolicyMiddleware(server_error)
        response = middleware(request)
        assert response.status_code == 500
        style = BeautifulSoup(response.content.decode(), "html.parser").find("style")
        nonce = style["nonce"]
        assert f"'nonce-{nonce}'" in policy(response)["style-src"]
        assert "'unsafe-inline'" not in policy(response)["style-src"]
        nonces.add(nonce)
    assert len(nonces) == 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_recaptcha_hosts_only_on_sign_up_pages_and_only_with_keys(client, language):
    signup = url_of(IntakeFormPage, language)
    without_keys = policy(client.get(signup))
    assert "google" not in " ".join(sum(without_keys.values(), []))

    with override_settings(**RECAPTCHA_KEYS):
        response = client.get(signup)
        csp = assert_strict(response)
        assert "https://www.google.com/recaptcha/" in csp["script-src"]
        assert "https://www.gstatic.com/recaptcha/" in csp["script-src"]
        assert "https://www.google.com/recaptcha/" in csp["frame-src"]
        assert "'none'" not in csp["frame-src"]
        # The widget loads Google's script and writes nothing inline.
        html = BeautifulSoup(response.content.decode(), "html.parser")
        scripts = html.find_all("script")
        assert any("www.google.com/recaptcha/api.js" in (s.get("src") or "") for s in scripts)
        assert all(s.get("src") or s.get("type") == "application/json" for s in scripts)
        assert html.select_one(".g-recaptcha[data-sitekey=public-test-key]") is not None
        assert html.select_one(".g-recaptcha[data-callback]") is None

        # Every other page stays without Google, keys or no keys.
        for model in PAGE_TYPES:
            sources = " ".join(sum(policy(client.get(url_of(model, language))).values(), []))
            assert "google" not in sources and "gstatic" not in sources, model.__name__


@override_settings(**RECAPTCHA_KEYS, RECAPTCHA_DOMAIN="www.recaptcha.net")
def test_recaptcha_net_is_allowed_instead_when_configured(client):
    response = client.get(url_of(IntakeFormPage, "nl"))
    csp = policy(response)
    assert "https://www.recaptcha.net/recaptcha/" in csp["script-src"]
    assert "https://www.recaptcha.net/recaptcha/" in csp["frame-src"]
    assert "https://www.google.com/recaptcha/" not in csp["script-src"]
    assert "www.recaptcha.net/recaptcha/api.js" in response.content.decode()


# --- The admin ---------------------------------------------------------------------------------


@pytest.fixture
def editor(client, admin_user):
    return otp_login(client, admin_user)


def test_the_admin_has_its_own_explicit_policy(editor):
    response = editor.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    csp = policy(response)
    # Wagtail 8's admin writes inline scripts and styles: allowed there, and only from this origin.
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert not any("nonce" in source for source in sum(csp.values(), []))
    assert not any(source.startswith("http") for source in sum(csp.values(), []))
    assert "camera=()" in response["Permissions-Policy"]


def test_the_admin_login_page_has_the_admin_policy(client):
    response = client.get(reverse("wagtailadmin_login"))
    assert response.status_code == 200
    assert policy(response)["frame-ancestors"] == ["'self'"]


@pytest.mark.parametrize("model", [HomePage, IntakeFormPage, FindSupportPage])
def test_page_previews_have_the_public_policy_but_may_be_framed_by_the_admin(editor, model):
    page = live_dutch_page_of_type(model)
    response = editor.get(f"/admin/pages/{page.pk}/view_draft/")
    assert response.status_code == 200
    assert "<main" in response.content.decode()
    csp = policy(response)
    assert csp["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["script-src"]
    assert csp["object-src"] == ["'none'"]

    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    assert editor.get(edit_url).status_code == 200
    response = editor.get(preview_url, {"in_preview_panel": "true"})
    # The preview panel's iframe (here its "nothing to preview yet" answer, as no edit form was
    # posted; tests/e2e/test_security_headers.py previews a real edit) may be framed by the admin.
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert policy(response)["frame-ancestors"] == ["'self'"]


# --- Uploads -----------------------------------------------------------------------------------

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script></svg>'


def _upload_image(editor, name, content, content_type):
    return editor.post(
        reverse("wagtailimages:add"),
        {"title": "Upload", "file": SimpleUploadedFile(name, content, content_type=content_type), "collection": 1},
    )


def _errors(response):
    html = BeautifulSoup(response.content.decode(), "html.parser")
    return " ".join(element.get_text(" ", strip=True) for element in html.select(".error-message, .help-critical"))


@pytest.mark.parametrize(
    ("name", "content_type", "message"),
    [
        # Wagtail's own messages, in the admin's language (Dutch for the demo's editors).
        (
            "logo.svg",
            "image/svg+xml",
            "Geen ondersteund afbeeldingsformaat. Ondersteunde formaten: PNG, JPG, JPEG, WEBP.",
        ),
        (
            "logo.png",
            "image/png",
            "Geen geldige .png afbeelding. Deze extensie hoort niet bij het bestandsformaat (svg)",
        ),
    ],
)
def test_svg_uploads_are_refused_with_a_clear_message(editor, name, content_type, message):
    before = get_image_model().objects.count()
    response = _upload_image(editor, name, SVG, content_type)
    assert response.status_code == 200  # the form again, with the error
    assert message in _errors(response)
    assert get_image_model().objects.count() == before


def test_a_real_png_is_still_accepted(editor):
    buffer = BytesIO()
    PILImage.new("RGB", (4, 4), "teal").save(buffer, "PNG")
    before = get_image_model().objects.count()
    response = _upload_image(editor, "photo.png", buffer.getvalue(), "image/png")
    assert response.status_code == 302, _errors(response)
    assert get_image_model().objects.count() == before + 1


@pytest.mark.parametrize(("name", "content"), [("leaflet.pdf", b"%PDF-1.4\n%%EOF\n"), ("notes.txt", b"hello")])
def test_documents_are_downloaded_as_attachments_with_nosniff(client, name, content):
    document = Document(title="Leaflet")
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert name in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    # Wagtail's own policy for a document: nothing in it may run or load.
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert "camera=()" in response["Permissions-Policy"]
    document.file.delete(save=False)


def test_document_links_go_through_the_serve_view_not_media(client):
    document = Document(title="Leaflet")
    document.file.save("guide.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    document.save()
    assert document.url.startswith("/documents/")
    assert not document.url.startswith("/media/")
    document.file.delete(save=False)
