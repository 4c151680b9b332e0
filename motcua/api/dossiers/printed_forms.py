"""How a printed form goes back to the client (the data: ``dossiers.printing``)."""

from django.http import HttpResponse

from motcua.files.serving import harden


def file_response(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return harden(response)
