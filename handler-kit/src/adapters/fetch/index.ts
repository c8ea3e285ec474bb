export { toFetchHandler, type FetchContext } from './to-fetch-handler.ts';
