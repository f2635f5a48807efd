/** The event cost estimator's checks, without React: what is refused before asking, and how. */
import { ApiError } from '../shared/api';

export interface EstimatorInput {
  /** The chosen template ids that still exist. */
  templateIds: string[];
  hours: string;
  min: string;
  max: string;
  virtualBooth: boolean;
}

/** One sentence per field that cannot be sent; empty when the estimate can be asked for. */
export function estimatorErrors({ templateIds, hours, min, max }: EstimatorInput): Record<string, string> {
  const errors: Record<string, string> = {};
  if (templateIds.length === 0) errors.templateIds = 'Choose at least one template.';
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(hours.trim()) || Number(hours) <= 0)
    errors.hours = 'Hours, e.g. 3 or 2.5.';
  if (!/^\d{1,5}$/.test(min) || !/^\d{1,5}$/.test(max) || Number(min) > Number(max))
    errors.sessionsPerHour = 'Two whole numbers, the first not above the second.';
  return errors;
}

/** The body of an estimate request for a checked form. */
export const estimateRequest = ({ templateIds, hours, min, max, virtualBooth }: EstimatorInput) => ({
  templateIds,
  hours: Number(hours),
  sessionsPerHour: { min: Number(min), max: Number(max) },
  virtualBooth,
});

/** The API's refusal of one field, as the sentence beside it ("sessionsPerHour.max" → sessionsPerHour). */
export function refusedField(error: unknown): Record<string, string> | null {
  if (!(error instanceof ApiError && error.field)) return null;
  return {
    [error.field.split('.')[0]!]:
      error.code === 'template_not_found'
        ? 'No template with this name exists. Check the template ids.'
        : 'Check this value.',
  };
}
