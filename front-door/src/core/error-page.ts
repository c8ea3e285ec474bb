import { escapeHtml, page, type FrontDoorResponse } from './http.ts';

/** Errors that cannot go back to the client (no trustworthy redirect URI) are shown to the user. */
export function errorPage(status: number, title: string, detail: string): FrontDoorResponse {
  return page(
    status,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title>` +
      `<style>body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#222}h1{font-size:1.3rem}</style></head>` +
      `<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p><p>You can close this window and try again from your application.</p></body></html>`,
  );
}
