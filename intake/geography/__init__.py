"""Geography: municipalities and PC4 postcodes, the regions that cover them, postcode parsing,
the CBS import and the look-ups that feed the routing."""
