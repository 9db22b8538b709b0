"""The composition root: builds every adapter from the settings and wires the pipeline."""

from __future__ import annotations

import os
import secrets
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from pydantic import SecretStr

from mailflow.config import (
    MailboxSettings,
    OutgoingSettings,
    Settings,
    credential_file,
    read_secret,
)
from mailflow.config.mailboxes import DEFAULT_MAILBOX, claims_addresses, mailbox_settings
from mailflow.domain.claims import prefix_of
from mailflow.domain.model import Address
from mailflow.errors import ConfigError

# Each adapter is imported where it is built: a CLI command that only reads the database
# never loads the pipeline, the templates or the scheduler (issue 13, start-up).
if TYPE_CHECKING:
    from mailflow.auth.tokens import TokenProvider
    from mailflow.decide.state import Policy
    from mailflow.digest.service import Digests
    from mailflow.domain.team import Team
    from mailflow.extract.config import CatalogueEntry, ExtractConfig
    from mailflow.extract.stage import Extractor
    from mailflow.fetch.base import MailSource
    from mailflow.pipeline import Pipeline
    from mailflow.send.base import Transport
    from mailflow.store.blobs import Blobs
    from mailflow.store.database import Database, Pool
    from mailflow.workflow.clock import Timing
    from mailflow.workflow.engine import Workflow
    from mailflow.workflow.mailer import Mailer
    from mailflow.workflow.reminders import DeadlineWatch

UNSET_KEY_HELP = ("not set: give it in the environment, in a password_file, or as the "
                  "systemd credential of that name")
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass
class App:
    """Everything one mailflow process needs, built lazily from the settings."""

    settings: Settings

    @cached_property
    def db(self) -> Database:
        """The database, whose schema must be the one this mailflow needs (`SchemaMismatch`
        otherwise: only `mailflow db upgrade` changes it)."""
        from mailflow.store.database import Database

        database = Database(self.settings.database.url, pool_of(self.settings))
        database.check()
        return database

    @cached_property
    def blobs(self) -> Blobs:
        """The blob store [storage] backend names."""
        from mailflow.store.blobs import BlobStore
        from mailflow.store.db_blobs import DatabaseBlobStore

        if self.settings.storage.backend == "directory":
            return BlobStore(self.settings.storage.attachments_dir)
        if self.db.dialect != "postgresql":
            # Blobs commit in their own transaction while the pipeline's holds SQLite's one
            # write lock: it would wait on itself. Several hosts need PostgreSQL anyway.
            raise ConfigError('"database" needs a PostgreSQL [database] url',
                              key="storage.backend")
        return DatabaseBlobStore(self.db.engine)

    @cached_property
    def secret(self) -> bytes:
        return load_or_create_secret(self.settings)

    @cached_property
    def claims_address(self) -> Address:
        company = self.settings.company
        return Address(email=company.claims_address.lower(), name=company.name)

    @cached_property
    def own_addresses(self) -> frozenset[str]:
        """Addresses whose mail is ours (every mailbox's): never answered, never a customer."""
        return claims_addresses(self.settings)

    @cached_property
    def owns_claim(self) -> Callable[[str], bool]:
        """Whether a claim's deadlines are this mailbox's to watch, by its number: the
        default mailbox watches every claim whose prefix is no other mailbox's."""
        others = frozenset(entry.number_prefix for entry in self.settings.mailboxes)
        return lambda number: prefix_of(number) not in others

    def mailboxes(self) -> tuple[App, ...]:
        """This App (the default mailbox) and one per `[[mailboxes]]` entry, each seeing the
        config with its own mailbox, address, team, prefix and templates; all share the
        database, attachment store and secret."""
        return (self, *(self._mailbox_app(entry.name, entry.number_prefix, mailbox_settings(
            self.settings, entry)) for entry in self.settings.mailboxes))

    def _mailbox_app(self, name: str, prefix: str, settings: Settings) -> App:
        app = App(settings)
        app.__dict__.update(db=self.db, blobs=self.blobs, secret=self.secret,
                            own_addresses=self.own_addresses, mailbox_name=name,
                            mailers=self.mailers,
                            owns_claim=lambda number: prefix_of(number) == prefix)
        return app

    @cached_property
    def mailbox_name(self) -> str:
        """The name of this App's mailbox ("default" for [mailbox]; see [[mailboxes]])."""
        return DEFAULT_MAILBOX

    def _mailbox_password_key(self) -> str:
        """The key (and systemd credential) of the mailbox password: `mailbox.password`,
        or `mailboxes.<name>.password` for another mailbox."""
        name = self.mailbox_name
        return "mailbox.password" if name == DEFAULT_MAILBOX else f"mailboxes.{name}.password"

    @cached_property
    def team(self) -> Team:
        from mailflow.workflow.staff import team_from_settings

        return team_from_settings(self.settings)

    @cached_property
    def mailer(self) -> Mailer:
        """This mailbox's Mailer, which hands mail about a claim to the Mailer of the mailbox
        the claim belongs to (`mailers`): a claim's mail always goes out as its mailbox."""
        mailers = self.mailers
        return self._plain_mailer(self.settings, lambda number: mailers.get(
            prefix_of(number), mailers[None]))

    @cached_property
    def mailers(self) -> dict[str | None, Mailer]:
        """Every mailbox's own Mailer (address, company name, templates) by its number prefix;
        under None the default mailbox's, whose are all numbers of no other mailbox's prefix.
        One table, shared by the Apps of all mailboxes."""
        default = self._plain_mailer(self.settings)
        return {None: default, self.settings.company.number_prefix: default, **{
            entry.number_prefix: self._plain_mailer(mailbox_settings(self.settings, entry))
            for entry in self.settings.mailboxes}}

    def _plain_mailer(self, settings: Settings,
                      mailbox_of: Callable[[str], Mailer] | None = None) -> Mailer:
        from mailflow.send.render import TemplateRenderer
        from mailflow.workflow.mailer import Mailer, MailerConfig

        company = settings.company
        config = MailerConfig(claims=Address(email=company.claims_address.lower(),
                                             name=company.name),
                              company_name=company.name, secret=self.secret,
                              timezone=ZoneInfo(company.timezone),
                              web_base_url=settings.web.base_url)
        renderer = TemplateRenderer(templates_dir(), company.templates)
        return Mailer(config, renderer, self.blobs, mailbox_of)

    @cached_property
    def policy(self) -> Policy:
        from mailflow.config.approval import approval_policy
        from mailflow.decide.state import Policy

        settings, timing = self.settings, self.timing
        return Policy(
            team=self.team,
            keywords={name: {str(lang): words for lang, words in by_language.items()}
                      for name, by_language in settings.categories.items()},
            calendar=timing.calendar, deadlines=timing.policy, reminders=timing.reminders,
            timezone=ZoneInfo(settings.company.timezone), own_addresses=self.own_addresses,
            max_acks_per_hour=settings.acknowledgement.max_per_sender_per_hour,
            forward_limit=settings.workflow.forward_attachments_max_bytes,
            required=settings.extraction.required_fields(),
            category_threshold=settings.extraction.category_threshold,
            statutory_days={str(k): v for k, v in settings.deadlines.statutory.items()},
            warranty_months={entry.article.upper(): entry.warranty_months
                             for entry in self.catalogue if entry.warranty_months},
            approval=approval_policy(settings.approval, settings.key_accounts),
            causes=dict(settings.rules.causes), currency=settings.rules.currency,
            require_outcome=settings.rules.require_outcome)

    @cached_property
    def workflow(self) -> Workflow:
        from mailflow.workflow.engine import Workflow, WorkflowConfig

        workflow = self.settings.workflow
        config = WorkflowConfig(secret=self.secret,
                                require_authentication=workflow.require_authentication_results,
                                authserv_id=workflow.authserv_id,
                                reference_max_age=timedelta(days=workflow.reference_max_age_days))
        return Workflow(config, self.policy, self.mailer, self.blobs)

    @cached_property
    def timing(self) -> Timing:
        from mailflow.workflow.clock import Timing

        return Timing.from_settings(self.settings)

    @cached_property
    def deadlines(self) -> DeadlineWatch:
        from mailflow.workflow.reminders import DeadlineWatch

        return DeadlineWatch(self.db, self.policy, self.workflow.applier, self.owns_claim)

    @cached_property
    def pipeline(self) -> Pipeline:
        from mailflow.pipeline import Pipeline, PipelineConfig, limits_from

        config = PipelineConfig(
            claims_address=self.claims_address, own_addresses=self.own_addresses,
            default_language=self.settings.company.default_language, secret=self.secret,
            max_message_bytes=self.settings.storage.max_message_bytes,
            specialist_addresses=self.team.addresses,
            limits=limits_from(self.settings.storage),
            timezone=ZoneInfo(self.settings.company.timezone),
            number_prefix=self.settings.company.number_prefix,
            parse_workers=self.settings.mailbox.parse_workers,
            parse_timeout=self.settings.mailbox.parse_timeout)
        return Pipeline(self.db, self.blobs, config, self.workflow, self.extractor)

    @cached_property
    def extractor(self) -> Extractor | None:
        """The claim reader, with the catalogue and caps of `[extraction]` (None when off)."""
        config = self.extract_config
        if config is None:
            return None
        # Imported here: the reader's dictionaries are for intake, not for every CLI command.
        from mailflow.extract.fields import extract

        return lambda text: extract(text, config, time.monotonic)

    @cached_property
    def extract_config(self) -> ExtractConfig | None:
        """The catalogue, caps and category keywords of `[extraction]` (None when off)."""
        section = self.settings.extraction
        if not section.enabled:
            return None
        from mailflow.extract.config import AttachmentCaps, default_extract_config

        caps = AttachmentCaps(max_bytes=section.max_attachment_bytes,
                              max_pdf_pages=section.max_pdf_pages,
                              time_budget_seconds=section.seconds_per_message)
        return replace(default_extract_config(self.catalogue), caps=caps,
                       category_keywords=section.category_keywords(),
                       carriers=section.carrier_list(),
                       category_model=section.category_model)

    def warm_up(self) -> None:
        """Load the claim reader's libraries and dictionaries once, at the daemon's start,
        so that no customer's letter pays for them; start the parse workers, if any."""
        self.pipeline.start_parse_pool()
        config = self.extract_config
        if config is not None:
            from mailflow.extract.fields import warm_up

            warm_up(config)

    def stop_parse_workers(self) -> None:
        """Stop the pipeline's parse workers, if it was built and has any."""
        pipeline: Pipeline | None = self.__dict__.get("pipeline")
        if pipeline is not None:
            pipeline.close()

    @cached_property
    def catalogue(self) -> tuple[CatalogueEntry, ...]:
        """The product catalogue of `[extraction] catalogue` (empty without one)."""
        path = self.settings.extraction.catalogue
        if path is None:
            return ()
        from mailflow.extract.config import read_catalogue

        try:
            return read_catalogue(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeError, ValueError) as error:
            raise ConfigError(f"cannot read the product catalogue: {error}",
                              key="extraction.catalogue") from None

    def reloaded(self, settings: Settings) -> App:
        """A new App for reread `settings` (templates reread too), keeping this one's
        database and attachment store: those need a restart to change."""
        app = App(settings)
        app.__dict__["db"], app.__dict__["blobs"] = self.db, self.blobs
        app.pipeline  # noqa: B018  (built now: a broken config fails here, not mid-pass)
        app.deadlines  # noqa: B018
        return app

    def source_name(self) -> str:
        """The stable name of the configured mailbox, without connecting or reading secrets."""
        mailbox = self.settings.mailbox
        if mailbox.kind == "maildir":
            from mailflow.fetch.maildir import MaildirSource

            return MaildirSource(mailbox.path).name
        from mailflow.fetch.imap import ImapSource

        return ImapSource(mailbox, "").name

    @cached_property
    def digests(self) -> Digests:
        """The managers' digest of `[digest]`, to every manager and the extra recipients."""
        from mailflow.digest.figures import DigestInputs
        from mailflow.digest.period import PeriodKind
        from mailflow.digest.service import DigestConfig, Digests, Recipient
        from mailflow.send.render import TemplateRenderer

        settings, section = self.settings, self.settings.digest
        kinds = (PeriodKind.DAY, *((PeriodKind.WEEK,) if section.weekly else ()),
                 *((PeriodKind.MONTH,) if section.monthly else ()))
        recipients = tuple(Recipient(Address(m.email.lower(), m.name), m.language)
                           for m in settings.managers) + tuple(
            Recipient(Address(r.email.lower(), r.name), r.language)
            for r in section.recipients)
        config = DigestConfig(sender=self.claims_address, company_name=settings.company.name,
                              timezone=ZoneInfo(settings.company.timezone), at=section.time,
                              kinds=kinds, recipients=recipients,
                              late_after=timedelta(seconds=section.late_after),
                              secret=self.secret, causes=dict(settings.rules.causes))
        inputs = DigestInputs(team=self.team, calendar=self.timing.calendar,
                              weak_spot_threshold=section.weak_spot_threshold,
                              overdue_limit=section.overdue_list_limit,
                              product_groups={e.article.upper(): e.group
                                              for e in self.catalogue if e.group},
                              untracked=self._untracked_dimensions())
        return Digests(self.db, config, inputs, TemplateRenderer(templates_dir()))

    def _untracked_dimensions(self) -> tuple[str, ...]:
        """The digest's weak-spot kinds nothing feeds: carriers when claims are not read or
        no carrier is configured, suppliers without a catalogue that names them."""
        extract = self.extract_config
        return (*(() if extract and extract.carriers else ("carrier",)),
                *(() if extract and any(e.supplier for e in extract.catalogue)
                  else ("supplier",)))

    @cached_property
    def mailbox_tokens(self) -> TokenProvider:
        """The mailbox's OAuth2 tokens, one cache for every connection of this process."""
        return token_provider(self.settings.mailbox, "mailbox")

    @cached_property
    def outgoing_tokens(self) -> TokenProvider:
        """The SMTP server's OAuth2 tokens: each drain of the outbox builds a transport, and
        they all share this cache instead of asking the provider each time."""
        return token_provider(self.settings.outgoing, "outgoing")

    def source(self) -> MailSource:
        mailbox = self.settings.mailbox
        if mailbox.kind == "maildir":
            from mailflow.fetch.maildir import MaildirSource

            return MaildirSource(mailbox.path, batch_size=mailbox.batch_size)
        from mailflow.fetch.imap import ImapSource

        if mailbox.auth == "oauth2":
            return ImapSource(mailbox, "", tokens=self.mailbox_tokens)
        key = self._mailbox_password_key()
        password = read_secret(mailbox.password, mailbox.password_file, key)
        if not password:
            raise ConfigError(UNSET_KEY_HELP, key=key)
        return ImapSource(mailbox, password)

    def transport(self) -> Transport:
        outgoing = self.settings.outgoing
        if outgoing.kind == "maildir":
            from mailflow.send.maildir import MaildirTransport

            return MaildirTransport(outgoing.path)
        from mailflow.send.smtp import SmtpTransport

        if outgoing.auth == "oauth2":
            return SmtpTransport(outgoing, "", tokens=self.outgoing_tokens)
        password = read_secret(outgoing.password, outgoing.password_file, "outgoing.password")
        if outgoing.username and not password:
            raise ConfigError(UNSET_KEY_HELP, key="outgoing.password")
        return SmtpTransport(outgoing, password)


def token_provider(server: MailboxSettings | OutgoingSettings, section: str) -> TokenProvider:
    """The OAuth2 tokens of the `[<section>.oauth2]` of a server with auth = "oauth2"."""
    from mailflow.auth.sources import token_source
    from mailflow.auth.tokens import TokenProvider

    oauth2 = server.oauth2
    if oauth2 is None:  # the config check requires it; this keeps the error named
        raise ConfigError("the section is required when auth = \"oauth2\"",
                          key=f"{section}.oauth2")
    source = token_source(oauth2, server.username, f"{section}.oauth2")
    return TokenProvider(source, oauth2.refresh_before_seconds)


def templates_dir() -> Path:
    """The templates folder: MAILFLOW_TEMPLATES, else the checkout's `templates/`, else the
    copy a wheel installs under `<prefix>/share/mailflow/templates`."""
    if "MAILFLOW_TEMPLATES" in os.environ:
        return Path(os.environ["MAILFLOW_TEMPLATES"])
    installed = Path(sys.prefix) / "share" / "mailflow" / "templates"
    return TEMPLATES if TEMPLATES.is_dir() else installed


def load_or_create_secret(settings: Settings) -> bytes:
    """The HMAC key: from config/environment, else a file generated once (mode 0600)."""
    configured = settings.security.secret
    if configured is not None and configured.get_secret_value():
        return configured.get_secret_value().encode()
    credential = credential_file("security.secret")
    if credential is not None:
        return read_secret(SecretStr(""), credential, "security.secret").encode()
    path = settings.security.secret_file
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32))
        return path.read_text(encoding="ascii").strip().encode()
    except FileExistsError:  # another process created it a moment ago
        return path.read_text(encoding="ascii").strip().encode()
    except OSError as error:
        raise ConfigError(f"cannot read or create {path}: {error.strerror}",
                          key="security.secret_file") from None


def pool_of(settings: Settings) -> Pool:
    """The connection pool the `[database]` section asks for."""
    from mailflow.store.database import Pool

    section = settings.database
    return Pool(size=section.pool_size, max_overflow=section.max_overflow,
                timeout=section.pool_timeout,
                idle_in_transaction_timeout=section.idle_in_transaction_timeout)
