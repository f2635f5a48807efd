/**
 * GPU catalog: each instance type's largest disk (issue 15: a rental above it is refused with 422
 * naming diskGb). Existing versions get the sample maxima below; an operator publishing a new
 * version names its own (default 2000 GB).
 */
export const sql = `
ALTER TABLE gpu_instance_type_versions
  ADD COLUMN max_disk_gb int4 NOT NULL DEFAULT 2000 CHECK (max_disk_gb > 0);
UPDATE gpu_instance_type_versions SET max_disk_gb = 4000 WHERE code = 'a100-80gb';
UPDATE gpu_instance_type_versions SET max_disk_gb = 8000 WHERE code = 'h100-80gb';
`;
