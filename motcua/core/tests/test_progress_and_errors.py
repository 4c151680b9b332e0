import io

from motcua.core.errors import Conflict, InvalidInput, NotFound
from motcua.core.progress import Progress


def test_progress_prints_every_n_rows_and_at_the_end():
    out = io.StringIO()
    progress = Progress("units", 5, stream=out, every=2)
    for _ in range(5):
        progress.step()
    progress.finish()
    lines = out.getvalue().splitlines()
    assert [line.split(" (")[0] for line in lines] == [
        "units: 2/5",
        "units: 4/5",
        "units: 5/5",
    ]


def test_domain_errors_carry_status_and_field_messages():
    error = InvalidInput("bad", field_errors={"amount": "must not be negative"})
    assert error.status_code == 422
    assert error.as_dict() == {
        "detail": "bad",
        "errors": {"amount": "must not be negative"},
    }
    assert NotFound("x").status_code == 404
    assert Conflict("x").as_dict() == {"detail": "x"}
