"""OAuth2 access tokens for XOAUTH2 logins to IMAP and SMTP servers.

`tokens` holds the cache and its refresh rule (pure apart from the injected source and
clock); `sources` the adapters that alone import msal, google-auth and HTTP.
"""
