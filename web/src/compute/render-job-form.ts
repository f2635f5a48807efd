/** The render job form as typed, and its checks (the API's limits, as sentences by each field). */
export interface JobForm {
  jobId: string;
  tasks: string;
  gpus: string;
  cpuCores: string;
  ramGb: string;
  storageGb: string;
  limitMinutes: string;
  runMinutes: string;
}

export const NEW_JOB: JobForm = {
  jobId: '',
  tasks: '3',
  gpus: '1',
  cpuCores: '8',
  ramGb: '32',
  storageGb: '50',
  limitMinutes: '60',
  runMinutes: '30',
};

/** The numeric fields: label, least and most. */
export const NUMBERS: { key: Exclude<keyof JobForm, 'jobId'>; label: string; min: number; max: number }[] = [
  { key: 'tasks', label: 'Tasks', min: 1, max: 1000 },
  { key: 'gpus', label: 'GPUs per task', min: 0, max: 64 },
  { key: 'cpuCores', label: 'CPU cores per task', min: 0, max: 1024 },
  { key: 'ramGb', label: 'RAM per task (GB)', min: 0, max: 65_536 },
  { key: 'storageGb', label: 'Storage per task (GB)', min: 0, max: 1_000_000 },
  { key: 'limitMinutes', label: 'Time limit per task (minutes)', min: 1, max: 10_080 },
  { key: 'runMinutes', label: 'Each task runs (minutes, sandbox)', min: 1, max: 10_080 },
];

const JOB_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface JobPlan {
  tasks: number;
  resources: { gpus: number; cpuCores: number; ramGb: number; storageGb: number };
  timeLimitSeconds: number;
  secondsPerTask: number;
}

/** The errors by field, and the plan to price when the numbers are right. */
export function checkJobForm(form: JobForm): {
  errors: Partial<Record<keyof JobForm, string>>;
  plan?: JobPlan;
} {
  const errors: Partial<Record<keyof JobForm, string>> = {};
  if (!JOB_ID.test(form.jobId.trim()))
    errors.jobId =
      'Name the job: letters, digits, dot, dash or underscore, at most 64, starting with a letter or digit.';
  const n: Partial<Record<keyof JobForm, number>> = {};
  for (const f of NUMBERS) {
    const text = form[f.key].trim();
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < f.min || value > f.max)
      errors[f.key] = `Enter a whole number from ${f.min} to ${f.max.toLocaleString('en-GB')}.`;
    else n[f.key] = value;
  }
  if (!errors.runMinutes && !errors.limitMinutes && n.runMinutes! > n.limitMinutes!)
    errors.runMinutes = 'A task cannot run longer than its time limit.';
  // The price needs the numbers only; the name is checked when submitting.
  if (Object.keys(errors).some((k) => k !== 'jobId')) return { errors };
  return {
    errors,
    plan: {
      tasks: n.tasks!,
      resources: { gpus: n.gpus!, cpuCores: n.cpuCores!, ramGb: n.ramGb!, storageGb: n.storageGb! },
      timeLimitSeconds: n.limitMinutes! * 60,
      secondsPerTask: n.runMinutes! * 60,
    },
  };
}
