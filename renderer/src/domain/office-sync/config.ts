// What the office-server form must hold before it is sent to the Node side (which validates again:
// sync/validate.ts). Problems are codes next to their fields; nothing typed is lost.
import { fieldProblem, type Problem } from '../core/problems';

export type ConfigProblemCode = 'required' | 'too-long' | 'port' | 'ca-required';

export interface ConfigDraft {
  host: string;
  port: string;
  database: string;
  user: string;
  tls: 'disable' | 'require' | 'verify-full';
  caPem: string | null;
  desk: string;
}

/** PostgreSQL's identifier limit (database and user names); a desk name is at most 100 characters. */
const MAX = { host: 253, database: 63, user: 63, desk: 100 } as const;

export function configProblems(d: ConfigDraft): Problem<ConfigProblemCode>[] {
  const out: Problem<ConfigProblemCode>[] = [];
  for (const field of ['host', 'database', 'user', 'desk'] as const) {
    const v = d[field].trim();
    if (!v) out.push(fieldProblem(field, 'required'));
    else if (v.length > MAX[field]) out.push(fieldProblem(field, 'too-long', { max: MAX[field] }));
  }
  const port = d.port.trim();
  if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) out.push(fieldProblem('port', port ? 'port' : 'required'));
  if (d.tls === 'verify-full' && !d.caPem) out.push(fieldProblem('caPem', 'ca-required'));
  return out;
}

/** A PEM certificate's text, or null when `text` holds none. */
export function pemCertificate(text: string): string | null {
  const m = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(text);
  return m ? text.trim() : null;
}
