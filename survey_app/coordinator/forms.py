"""The forms of the coordinator area (Flask-WTF: every form carries a CSRF token)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange
from wtforms.widgets import CheckboxInput, ListWidget


class LoginForm(FlaskForm):
    """Name and password."""

    name = StringField(_l("Benutzername"), validators=[DataRequired(), Length(max=100)])
    password = PasswordField(_l("Passwort"), validators=[DataRequired(), Length(max=1000)])


class ActionForm(FlaskForm):
    """A button that changes something (logout, close, export): only the CSRF token."""


class CheckboxListField(SelectMultipleField):
    """Several choices as a list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class EventForm(FlaskForm):
    """An event: name, date, district, questionnaires and mode."""

    name = StringField(
        _l("Name der Veranstaltung"),
        description=_l("Zum Beispiel: Stadtteilfest Altstadt 2025"),
        validators=[DataRequired(message=_l("Bitte geben Sie einen Namen ein.")), Length(max=200)],
    )
    held_on = DateField(
        _l("Datum"), validators=[InputRequired(message=_l("Bitte geben Sie ein Datum ein."))]
    )
    district = SelectField(
        _l("Sozialraum"),
        description=_l("Antworten über diese Veranstaltung werden diesem Sozialraum zugeordnet."),
        choices=[],
    )
    questionnaire_ids = CheckboxListField(
        _l("Fragebögen"),
        choices=[],
        validators=[DataRequired(message=_l("Bitte wählen Sie mindestens einen Fragebogen."))],
    )
    mode = RadioField(
        _l("Art der Teilnahme"),
        choices=[
            SelectChoice("both", _l("Tablet vor Ort und eigenes Handy (QR-Code)")),
            SelectChoice("kiosk", _l("Nur Tablet vor Ort (Kiosk)")),
            SelectChoice("own_device", _l("Nur eigenes Handy (QR-Code)")),
        ],
        default="both",
        validators=[InputRequired()],
    )


class PurgeForm(FlaskForm):
    """How old raw responses must be to be deleted."""

    months = IntegerField(
        _l("Antworten löschen, die älter sind als (Monate)"),
        validators=[
            InputRequired(message=_l("Bitte geben Sie eine Zahl von Monaten ein.")),
            NumberRange(min=1, max=600, message=_l("Bitte eine Zahl von 1 bis 600.")),
        ],
    )


class PurgeConfirmForm(FlaskForm):
    """The confirmation step: the months again, as decided on the first step."""

    months = HiddenField(validators=[InputRequired()])
