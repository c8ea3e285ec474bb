// The requests each benchmarked server receives, as API Gateway REST (v1) events built by the peer
// benchmark's own event factory, so the kit and the peers see the same event shape.
import { apiGwEvent, lambdaContext } from '../../../shared/peerbench/common/events.mjs';

const rpc = (id, method, params) => JSON.stringify({ jsonrpc: '2.0', id, method, ...(params ? { params } : {}) });
const initialize = () =>
  apiGwEvent({ body: rpc(1, 'initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } }), protocolHeader: false });

/** The cold sequence: initialize, notifications/initialized, tools/list, one tools/call. */
export const SEQUENCES = {
  'echo-add': {
    call: { name: 'add', arguments: { a: 2, b: 3 } },
    check: (body) => /"text":"5"/.test(body),
  },
  tasks: {
    call: { name: 'list_tasks', arguments: { projectId: 'launch' } },
    check: (body) => /"count":2/.test(body),
  },
};

export function coldEvents(name) {
  const s = SEQUENCES[name];
  return [
    initialize(),
    apiGwEvent({ body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) }),
    apiGwEvent({ body: rpc(2, 'tools/list') }),
    apiGwEvent({ body: rpc(3, 'tools/call', s.call) }),
  ];
}

export const callEvent = (name) => apiGwEvent({ body: rpc(10, 'tools/call', SEQUENCES[name].call) });
export { lambdaContext };
