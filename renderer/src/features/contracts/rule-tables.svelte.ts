// The warning thresholds as the office keeps them (the stored LPR table), for screens that show
// warnings; call during component initialisation. Starts from the shipped defaults.
import { getDb } from '../../data/context';
import { contractRuleTables } from '../../data/reference-rates';
import { DEFAULT_CONTRACT_RULE_TABLES, type ContractRuleTables } from '../../domain/contracts/contract-rules';
import { live, type Live } from '../../ui/live.svelte';

export function liveRuleTables(): Live<ContractRuleTables> {
  return live(() => () => contractRuleTables(getDb()), DEFAULT_CONTRACT_RULE_TABLES);
}
