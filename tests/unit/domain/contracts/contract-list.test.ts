import { describe, expect, it } from 'vitest';
import { compareContractCodes, contractListFilter, contractListRow, type ContractListQuery } from '../../../../renderer/src/domain/contracts/contract-list';

const ROWS = [
  contractListRow({ id: 'c1', code: 'HT-10', title: '城市大脑运营服务', type: 'purchase-of-service', projectId: 'p1' }),
  contractListRow({ id: 'c2', code: 'HT-2', title: '智慧交通 PPP 项目合同', type: 'ppp', projectId: 'p2' }),
  contractListRow({ id: 'c3', code: 'ht-3', title: 'Smart Parking Lease', type: 'lease', projectId: 'p2' }),
  contractListRow({ id: 'c0', code: 'HT-2', title: '同号合同', type: 'traditional', projectId: 'p3' }),
];

describe('contract list', () => {
  it('orders by code, numbers as numbers, ties by id', () => {
    expect([...ROWS].sort(compareContractCodes).map((r) => r.id)).toEqual(['c0', 'c2', 'c3', 'c1']);
  });

  const cases: [ContractListQuery, string[]][] = [
    [{}, ['c1', 'c2', 'c3', 'c0']],
    [{ type: 'ppp' }, ['c2']],
    // Case-insensitive, in the code or the title, spaces around ignored.
    [{ search: ' PARKING ' }, ['c3']],
    [{ search: 'ht-1' }, ['c1']],
    [{ search: 'ppp' }, ['c2']],
    [{ ids: ['c1', 'c3'] }, ['c1', 'c3']],
    [{ ids: ['c1', 'c3'], type: 'lease' }, ['c3']],
    [{ ids: [] }, []],
    [{ search: '合同' }, ['c2', 'c0']],
  ];
  it.each(cases)('%j', (q, ids) => {
    const keep = contractListFilter(q);
    expect((keep ? ROWS.filter(keep) : ROWS).map((r) => r.id)).toEqual(ids);
  });
});
