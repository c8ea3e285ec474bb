import type { Client } from './clients.ts';
import type { ResolvedConfig } from './config.ts';
import { escapeHtml, page, type FrontDoorResponse } from './http.ts';
import { describeRedirect } from './redirect-policy.ts';

export interface ConsentView {
  client: Client;
  redirectUri: string;
  username: string;
  scopes: readonly string[];
  consentId: string;
  csrf: string;
}

/** Scope names shown without a Cognito resource-server prefix (`https://mcp.example.com/tasks:read` → `tasks:read`). */
const shortName = (scope: string): string => scope.slice(scope.lastIndexOf('/') + 1);

/**
 * The consent page: which application (its name, and whether that name is its own claim), where the
 * answer goes, which server, which permissions (each can be unticked), Allow and Deny. The form carries a
 * CSRF token that must also arrive in the cookie set with the page.
 */
export function consentPage(view: ConsentView, config: ResolvedConfig, csrfCookie: string): FrontDoorResponse {
  const e = escapeHtml;
  const name = view.client.clientName ?? new URL(view.client.clientId.includes('://') ? view.client.clientId : 'https://unnamed.invalid').hostname;
  const who =
    view.client.kind === 'cimd'
      ? `Its details come from ${e(new URL(view.client.clientId).host)}.`
      : 'This name was given by the application itself; make sure you started this sign-in.';
  const days = Math.round(config.consentTtlMs / 86_400_000);
  const scopes = view.scopes
    .map((s) => {
      const about = config.scopeDescriptions[s];
      return `<li><label><input type="checkbox" name="scope" value="${e(s)}" checked> <code>${e(shortName(s))}</code>${about ? ` — ${e(about)}` : ''}</label></li>`;
    })
    .join('');
  return page(
    200,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Allow access to ${e(config.serverName)}?</title>` +
      '<style>body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#222}h1{font-size:1.3rem}' +
      'ul{list-style:none;padding-left:0}li{margin:.4rem 0}button{font:inherit;padding:.5rem 1.4rem;margin-right:.6rem;border-radius:4px;border:1px solid #888;background:#f4f4f4}' +
      'button[value=allow]{background:#1a56db;border-color:#1a56db;color:#fff}.muted{color:#666;font-size:.9rem}</style></head><body>' +
      `<h1><strong>${e(name)}</strong> wants to use <strong>${e(config.serverName)}</strong> as ${e(view.username)}</h1>` +
      `<p class="muted">${who} After you answer, you go back to ${e(describeRedirect(view.redirectUri))}.</p>` +
      `<form method="post" action="${e(config.base)}/consent">${scopes ? `<p>It asks to:</p><ul>${scopes}</ul>` : '<p>It asks to use the server\'s tools as you.</p>'}` +
      `<input type="hidden" name="consent_id" value="${e(view.consentId)}"><input type="hidden" name="csrf" value="${e(view.csrf)}">` +
      `<p class="muted">Server: ${e(config.resource)}${days > 0 ? `. Your answer is remembered for ${days} days.` : '.'}</p>` +
      '<p><button type="submit" name="action" value="allow">Allow</button><button type="submit" name="action" value="deny">Deny</button></p></form></body></html>',
    { 'set-cookie': csrfCookie },
  );
}
