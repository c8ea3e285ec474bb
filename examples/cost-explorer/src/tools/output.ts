import { text, toolResult, type ToolAnnotations, type ToolResult } from '@serverless-mcp/handler-kit';
import * as z from 'zod';
import { addDays, type Period } from '../dates.ts';
import type { Dependencies } from '../dependencies.ts';

/** Every tool only reads: one scope covers them all. */
export const SCOPES = ['costs:read'] as const;
export const READ_ONLY: ToolAnnotations = { readOnlyHint: true, openWorldHint: false };

export const periodOutput = {
  start: z.iso.date().describe('First day (inclusive)'),
  end: z.iso.date().describe('The day after the last day (exclusive)'),
};
export const unitOutput = z.string().describe('Currency of every amount, e.g. USD');

/** Amounts to the cent: Cost Explorer's ten decimals cost tokens and say nothing more. */
export const cents = (n: number): number => Math.round(n * 100) / 100;
/** A share of a total, in percent with one decimal. */
export const percent = (part: number, whole: number): number => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

export const money = (amount: number, unit: string): string =>
  `${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${unit}`;

/** "2026-10-22 to 2026-11-20": the last day shown inclusively, as people read it. */
export const describePeriod = (p: Period): string => {
  const last = addDays(p.end, -1);
  return last === p.start ? p.start : `${p.start} to ${last}`;
};

/**
 * The tool result: a short text for the model to read first, the structured result (checked against the
 * tool's outputSchema) and its JSON copy for clients that ignore structuredContent. Demo figures say so.
 */
export function answer(deps: Pick<Dependencies, 'dataSource'>, summary: string, structured: Record<string, unknown>): ToolResult {
  const note = deps.dataSource === 'demo' ? 'Demo data, not from AWS. ' : '';
  return toolResult({ content: [text(note + summary), text(JSON.stringify(structured))], structuredContent: structured });
}
