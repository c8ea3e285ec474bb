export { toNodeListener, type NodeListenerOptions } from './listener.ts';
export { serve, type RunningServer, type ServeOptions } from './serve.ts';
