import * as sdk from '@aws-sdk/client-cost-explorer';
import type { CostExplorerSender } from '../src/aws-cost-explorer.ts';

export interface SentCommand {
  /** The SDK's export name for the command's class, e.g. GetCostAndUsageCommand. */
  name: string;
  input: Record<string, any>;
  abortSignal: unknown;
}

/** The SDK export whose class built this command (exact class identity, not a guess from names). */
const commandName = (command: object): string =>
  Object.entries(sdk).find(([, value]) => value === command.constructor)?.[0] ?? `unknown ${command.constructor.name}`;

/**
 * A stand-in for the SDK client: records each command the adapter sends and answers with `reply`.
 * Nothing reaches AWS.
 */
export function recordingClient(reply: (sent: SentCommand, index: number) => unknown = () => ({})) {
  const sent: SentCommand[] = [];
  const client = {
    send: async (command: { input: Record<string, any> }, options?: { abortSignal?: unknown }) => {
      const entry = { name: commandName(command), input: command.input, abortSignal: options?.abortSignal };
      sent.push(entry);
      return reply(entry, sent.length - 1);
    },
  } as unknown as CostExplorerSender;
  return { client: () => client, sent };
}
