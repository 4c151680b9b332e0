"""Request bodies and queries of the dossier endpoints (not the transitions)."""

from datetime import date
from typing import Literal

from ninja import Schema
from pydantic import Field

from motcua.dossiers.choices import ApplicantKind
from motcua.dossiers.inputs import ApplicantInput, PaperTick


class ApplicantIn(Schema):
    kind: Literal["person", "organisation"] = "person"
    name: str = Field(max_length=200)
    id_number: str = Field(
        max_length=20, description="12-digit personal ID, or enterprise code"
    )
    birth_date: date | None = None
    address: str = Field("", max_length=300)
    phone: str = Field("", max_length=20)
    email: str = Field("", max_length=254)


class FilerIn(Schema):
    """Someone filing for the applicant (needs an authorisation paper)."""

    name: str = Field(max_length=200)
    id_number: str = Field("", max_length=20)
    phone: str = Field("", max_length=20)
    authorisation_paper: str = Field("", max_length=300)


class DocumentTickIn(Schema):
    """A checklist paper: provided, or referenced (Decree 45/2020 Art. 4)."""

    required_document_id: int  # the published name: a required paper's id
    is_provided: bool = True
    reference: str = Field("", max_length=300)

    def tick(self) -> PaperTick:
        return PaperTick(
            required_paper_id=self.required_document_id,
            is_provided=self.is_provided,
            reference=self.reference,
        )


class DossierCreateIn(Schema):
    """At a counter (``in_person``, ``postal``: received at once, needs
    ``service_point_code``) or online (``online``: registered, needs
    ``competent_agency_code``)."""

    channel: Literal["in_person", "postal", "online"] = "in_person"
    procedure_code: str
    case_heading: str = Field("", max_length=300)
    summary: str = Field("", max_length=500)
    applicant: ApplicantIn
    filer: FilerIn | None = None
    documents: list[DocumentTickIn] = []
    service_point_code: str | None = None
    competent_agency_code: str | None = None
    return_method: Literal["counter", "post", "online"] | None = None
    return_address: str = Field("", max_length=300)
    # At a counter only: receive (form 01), or register the dossier and ask for
    # every missing paper (form 02), or refuse it with reasons (form 03).
    outcome: Literal["receive", "request_papers", "refuse"] = "receive"
    # The reasons of a refusal, or a note on the papers asked for.
    note: str = Field("", max_length=2000)

    def applicant_input(self) -> ApplicantInput:
        person, filer = self.applicant, self.filer
        return ApplicantInput(
            name=person.name,
            id_number=person.id_number,
            kind=ApplicantKind(person.kind),
            birth_date=person.birth_date,
            address=person.address,
            phone=person.phone,
            email=person.email,
            filer_name=filer.name if filer else "",
            filer_id_number=filer.id_number if filer else "",
            filer_phone=filer.phone if filer else "",
            authorisation_paper=filer.authorisation_paper if filer else "",
        )


class SearchQuery(Schema):
    q: str = ""
