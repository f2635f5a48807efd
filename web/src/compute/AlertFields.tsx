import type { AlertErrors, AlertForm } from './alert-form';
import { Field } from '../shared/ui';

interface FieldsProps {
  form: AlertForm;
  errors: AlertErrors;
  emailsHint: string;
  onEdit: (next: AlertForm) => void;
}

/** The alerts form's three inputs: the two thresholds and who is told. */
export function AlertFields({ form, errors, emailsHint, onEdit }: FieldsProps) {
  return (
    <>
      <Field
        id="alert-balance"
        label="Low balance: alert below (credits)"
        error={errors.lowBalance}
        hint="Empty: off."
      >
        <input
          id="alert-balance"
          inputMode="decimal"
          value={form.lowBalance}
          onChange={(e) => onEdit({ ...form, lowBalance: e.target.value })}
          aria-invalid={!!errors.lowBalance}
        />
      </Field>
      <Field
        id="alert-hours"
        label="Low remaining time: alert below (hours)"
        error={errors.lowRemainingHours}
        hint="Empty: off."
      >
        <input
          id="alert-hours"
          inputMode="numeric"
          value={form.hours}
          onChange={(e) => onEdit({ ...form, hours: e.target.value })}
          aria-invalid={!!errors.lowRemainingHours}
        />
      </Field>
      <Field id="alert-emails" label="Send alerts to" error={errors.emails} hint={emailsHint}>
        <input
          id="alert-emails"
          type="text"
          value={form.emails}
          onChange={(e) => onEdit({ ...form, emails: e.target.value })}
          aria-invalid={!!errors.emails}
        />
      </Field>
    </>
  );
}
