"""A small geography for the demo site, written by the project itself.

The full CBS-derived tables are not part of this repository (their licences are not ours to
redistribute); load them with `manage.py import_geography`. These rows name real municipalities
and CBS codes (public facts) with a few of their four-digit postcodes; address counts are rounded,
illustrative figures. 4197 lies in two municipalities (West Betuwe and Buren), as in reality.
"""

UTRECHT_PROVINCE = ("PV26", "Utrecht")
GRONINGEN_PROVINCE = ("PV20", "Groningen")
GELDERLAND_PROVINCE = ("PV25", "Gelderland")
FRYSLAN_PROVINCE = ("PV21", "Fryslân")
DRENTHE_PROVINCE = ("PV22", "Drenthe")
OVERIJSSEL_PROVINCE = ("PV23", "Overijssel")
FLEVOLAND_PROVINCE = ("PV24", "Flevoland")
NOORD_HOLLAND_PROVINCE = ("PV27", "Noord-Holland")
ZUID_HOLLAND_PROVINCE = ("PV28", "Zuid-Holland")
ZEELAND_PROVINCE = ("PV29", "Zeeland")
NOORD_BRABANT_PROVINCE = ("PV30", "Noord-Brabant")
LIMBURG_PROVINCE = ("PV31", "Limburg")

# (code, name, province_code, province_name)
MUNICIPALITIES = [
    ("GM0344", "Utrecht", *UTRECHT_PROVINCE),
    # Lekstroom
    ("GM0321", "Houten", *UTRECHT_PROVINCE),
    ("GM0356", "Nieuwegein", *UTRECHT_PROVINCE),
    ("GM0353", "IJsselstein", *UTRECHT_PROVINCE),
    ("GM1961", "Vijfheerenlanden", *UTRECHT_PROVINCE),
    ("GM0331", "Lopik", *UTRECHT_PROVINCE),
    # ZuidOost Utrecht
    ("GM0355", "Zeist", *UTRECHT_PROVINCE),
    ("GM1581", "Utrechtse Heuvelrug", *UTRECHT_PROVINCE),
    ("GM0310", "De Bilt", *UTRECHT_PROVINCE),
    ("GM0312", "Bunnik", *UTRECHT_PROVINCE),
    ("GM0352", "Wijk bij Duurstede", *UTRECHT_PROVINCE),
    # Nearby candidate
    ("GM0342", "Soest", *UTRECHT_PROVINCE),
    # Far from any active region
    ("GM0014", "Groningen", *GRONINGEN_PROVINCE),
    # 4197 lies in both
    ("GM1960", "West Betuwe", *GELDERLAND_PROVINCE),
    ("GM0214", "Buren", *GELDERLAND_PROVINCE),
    # Elsewhere in the country, where the demo's waitlist has demand (demo/waitlist.py). Without
    # postcodes here: a sign-up from there names its municipality (the tests use 1011 as unknown).
    ("GM0307", "Amersfoort", *UTRECHT_PROVINCE),
    ("GM0080", "Leeuwarden", *FRYSLAN_PROVINCE),
    ("GM0106", "Assen", *DRENTHE_PROVINCE),
    ("GM0193", "Zwolle", *OVERIJSSEL_PROVINCE),
    ("GM0153", "Enschede", *OVERIJSSEL_PROVINCE),
    ("GM0034", "Almere", *FLEVOLAND_PROVINCE),
    ("GM0202", "Arnhem", *GELDERLAND_PROVINCE),
    ("GM0268", "Nijmegen", *GELDERLAND_PROVINCE),
    ("GM0363", "Amsterdam", *NOORD_HOLLAND_PROVINCE),
    ("GM0599", "Rotterdam", *ZUID_HOLLAND_PROVINCE),
    ("GM0518", "'s-Gravenhage", *ZUID_HOLLAND_PROVINCE),
    ("GM0687", "Middelburg", *ZEELAND_PROVINCE),
    ("GM0772", "Eindhoven", *NOORD_BRABANT_PROVINCE),
    ("GM0855", "Tilburg", *NOORD_BRABANT_PROVINCE),
    ("GM0935", "Maastricht", *LIMBURG_PROVINCE),
]

_SINGLE = {
    "GM0344": ["3511", "3512", "3513", "3514", "3521", "3522", "3523", "3524", "3531", "3532", "3541", "3551",
               "3561", "3571", "3581", "3582", "3583", "3584"],
    "GM0356": ["3431", "3432", "3433", "3434", "3435", "3436", "3437", "3438", "3439"],
    "GM0321": ["3991", "3992", "3993", "3994", "3995"],
    "GM0353": ["3401", "3402", "3403", "3404"],
    "GM1961": ["4141", "4142", "4143", "4145"],
    "GM0331": ["3405", "3411", "3412", "3413"],
    "GM0355": ["3701", "3702", "3703", "3704", "3705", "3706", "3707", "3708", "3709", "3734", "3735"],
    "GM1581": ["3941", "3951", "3953", "3956", "3958", "3959"],
    "GM0310": ["3731", "3732", "3737", "3738", "3739"],
    "GM0312": ["3981", "3984", "3985"],
    "GM0352": ["3945", "3961", "3962"],
    "GM0342": ["3761", "3762", "3763", "3764", "3766", "3768", "3769"],
    "GM0014": ["9711", "9712", "9713", "9714", "9715", "9716", "9717", "9718", "9721", "9722"],
    "GM1960": ["4151", "4153"],
}  # fmt: skip

# (pc4, municipality code, address count, share)
POSTCODES = sorted(
    [(pc4, code, 2000, "1.0") for code, pc4s in _SINGLE.items() for pc4 in pc4s]
    + [("4197", "GM1960", 380, "0.9100"), ("4197", "GM0214", 40, "0.0900")]
)

# A PC4 that lies in two municipalities (largest share first).
SPLIT_PC4 = "4197"

# The municipality's own CJG or neighbourhood team, where the demo "knows" it (invented addresses):
# {CBS code: (name, website, phone)}.
YOUTH_TEAMS = {
    "GM0014": ("Wijkteam Groningen", "https://www.wijkteam-groningen.example.org/", "050 000 0601"),
    "GM0355": ("CJG Zeist", "https://www.cjg-zeist.example.org/", "030 000 0601"),
}
