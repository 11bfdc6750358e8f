// How a problem with an exchanged record reads: an exchange file's import report and the office
// sync's refused page word the same problems (data/interchange/exchange/problems.ts) the same way.
import { tDynamic, tFirst } from './i18n.svelte';

/** The parts of a refused record's problem that are worded (ExchangeProblem has them). */
export interface ExchangeProblemWords {
  entity: string;
  code: string;
  params?: Record<string, string | number>;
}

export function entityName(entity: string): string {
  return tDynamic('exchange.entities', entity);
}

const CONTRACT_ENTITIES = new Set(['contracts', 'amendments', 'obligations', 'payments']);

/** A field's name; a contract record's fields read as the contract forms name them. */
export function fieldName(field: string, entity = ''): string {
  const keys = CONTRACT_ENTITIES.has(entity)
    ? [`exchange.contractFields.${field}`, `contracts.fields.${field}`, `exchange.fields.${field}`]
    : [`exchange.fields.${field}`, `contracts.fields.${field}`];
  return tFirst(keys) ?? field;
}

export function exchangeProblemText(p: ExchangeProblemWords): string {
  const params = { ...(p.params ?? {}) };
  for (const k of ['field', 'after'] as const) if (p.entity === 'contracts' && typeof params[k] === 'string') params[k] = fieldName(String(params[k]), p.entity);
  if (typeof params.section === 'string') params.section = params.section.replace(/^manifest$/, entityName('manifest')).replace(/^payload$/, entityName('payload'));
  return tDynamic('exchange.problems', p.code, params);
}

