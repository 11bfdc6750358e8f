// The dashboard's words for what data/dashboard counts: amounts per currency and the departments'
// names where none is recorded.
import { MAIN_CURRENCY, type ByCurrency, type DepartmentBars } from '../../data/dashboard';
import { fmt, t } from '../../i18n/i18n.svelte';

/** "¥1.2亿 + €30万": one amount per currency, never added across currencies. */
export function moneyText(byCurrency: ByCurrency): string {
  const parts = [...byCurrency].filter(([, a]) => a !== 0).map(([currency, amount]) => fmt.moneyCompact({ amount, currency }));
  return parts.length ? parts.join(' + ') : fmt.moneyCompact({ amount: 0, currency: MAIN_CURRENCY });
}

export function departmentName(d: DepartmentBars): string {
  return d.rest ? t('dashboard.other') : d.name || t('dashboard.noDepartment');
}
