/** The rent form's checks, without React: each field's sentence, and the request once all pass. */
import type { InstanceType } from '../shared/api-types';

export const UNITS = ['hour', 'day', 'week', 'month'] as const;
export type PeriodUnit = (typeof UNITS)[number];

/** The form as typed (numbers stay text until checked, so a mistake can be named). */
export type RentForm = { type: string; disk: string; unit: PeriodUnit; count: string; autoRenew: boolean };

export type RentRequest = {
  instanceType: string;
  diskGb: number;
  period: { unit: PeriodUnit; count: number };
};

export const asUnit = (value: string): PeriodUnit => UNITS.find((u) => u === value) ?? 'day';

/**
 * The chosen type (the first offered until one is picked), each field's sentence, and the request
 * to price: null while any field is wrong.
 */
export function checkRentForm(form: RentForm, offered: InstanceType[]) {
  const type = offered.find((t) => t.code === form.type) ?? offered[0];
  const diskGb = Number(form.disk);
  const count = Number(form.count);
  const diskError =
    !/^\d+$/.test(form.disk.trim()) || diskGb < 1
      ? 'Enter a whole number of GB, at least 1.'
      : type && diskGb > type.maxDiskGb
        ? `${type.code} takes at most ${type.maxDiskGb} GB.`
        : null;
  const countError = !/^\d+$/.test(form.count.trim()) || count < 1 || count > 744 ? 'Enter 1 to 744.' : null;
  const request: RentRequest | null =
    type && !diskError && !countError
      ? { instanceType: type.code, diskGb, period: { unit: form.unit, count } }
      : null;
  return { type, diskError, countError, request };
}
