import { describe, expect, it } from 'vitest';
import { AwsCostExplorer } from '../src/aws-cost-explorer.ts';
import { addDays, splitPeriod } from '../src/dates.ts';
import { DemoCostExplorer } from '../src/demo-cost-explorer.ts';
import { createDependencies, dataSourceFrom } from '../src/dependencies.ts';

describe('cost-explorer dependencies', () => {
  it('uses demo data on a developer machine and AWS inside Lambda', () => {
    expect(dataSourceFrom({})).toBe('demo');
    expect(dataSourceFrom({ AWS_LAMBDA_FUNCTION_NAME: 'mcp-cost-explorer' })).toBe('aws');
    expect(createDependencies({}).costs).toBeInstanceOf(DemoCostExplorer);
    expect(createDependencies({ AWS_LAMBDA_FUNCTION_NAME: 'f' }).costs).toBeInstanceOf(AwsCostExplorer);
  });

  it('lets COST_EXPLORER_MODE choose either way, and refuses anything else', () => {
    expect(dataSourceFrom({ COST_EXPLORER_MODE: 'aws' })).toBe('aws');
    expect(dataSourceFrom({ COST_EXPLORER_MODE: ' DEMO ', AWS_LAMBDA_FUNCTION_NAME: 'f' })).toBe('demo');
    expect(() => dataSourceFrom({ COST_EXPLORER_MODE: 'prod' })).toThrow('COST_EXPLORER_MODE must be "aws" or "demo" (got "prod")');
  });

  it('splits periods into UTC days and calendar months, clipped to the period', () => {
    expect(splitPeriod({ start: '2026-01-30', end: '2026-03-02' }, 'MONTHLY')).toEqual([
      { start: '2026-01-30', end: '2026-02-01' },
      { start: '2026-02-01', end: '2026-03-01' },
      { start: '2026-03-01', end: '2026-03-02' },
    ]);
    expect(splitPeriod({ start: '2026-03-28', end: '2026-03-31' }, 'DAILY').map((p) => p.start)).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });
});
