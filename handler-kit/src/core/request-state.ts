/**
 * `requestState` for multi-round input (2026-07-28 "input required" results). The client echoes it back
 * byte for byte, but it is attacker-controlled, so it is sealed with HMAC-SHA-256 (Web Crypto: the same
 * code on Lambda, Node and Workers), bound to the method, target, arguments and caller, and expires.
 */

/**
 * Why a state did not open: `other-key` when it names a key this server does not hold (sealed by another
 * instance or deployment without the same MCP_STATE_SECRET, or before a rotation); `invalid` when it was
 * altered, forged or is malformed.
 */
export type OpenResult = { payload: Record<string, unknown> } | { problem: 'other-key' | 'invalid' };

export interface StateCodec {
  seal(payload: Record<string, unknown>): Promise<string>;
  open(state: string): Promise<OpenResult>;
}

const encoder = new TextEncoder();

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/**
 * `secret`: at least 32 bytes of entropy, shared by every instance serving the endpoint (a retry may
 * reach another instance). Undefined: a random key for this process only, fine for one local server.
 */
export function createStateCodec(secret: string | Uint8Array<ArrayBuffer> | undefined): StateCodec {
  let key: Promise<CryptoKey> | undefined;
  let keyId: Promise<string> | undefined;
  const getKey = (): Promise<CryptoKey> => {
    const raw =
      secret === undefined ? crypto.getRandomValues(new Uint8Array(32)) : typeof secret === 'string' ? encoder.encode(secret) : secret;
    key ??= crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    return key;
  };
  // Names the key without revealing it (an HMAC of a fixed label, cut short): tells "sealed elsewhere" from "altered".
  const getKeyId = (): Promise<string> =>
    (keyId ??= getKey().then(async (k) => base64url(new Uint8Array(await crypto.subtle.sign('HMAC', k, encoder.encode(KEY_ID_LABEL))).slice(0, 6))));
  const invalid: OpenResult = { problem: 'invalid' };
  return {
    async seal(payload) {
      const signed = `${await getKeyId()}.${base64url(encoder.encode(JSON.stringify(payload)))}`;
      const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await getKey(), encoder.encode(signed)));
      return `${signed}.${base64url(mac)}`;
    },
    async open(state) {
      const [id, body, macText, extra] = state.split('.');
      if (!id || !body || macText === undefined || extra !== undefined) return invalid;
      if (id !== (await getKeyId())) return { problem: 'other-key' };
      const mac = fromBase64url(macText);
      if (!mac) return invalid;
      const valid = await crypto.subtle.verify('HMAC', await getKey(), mac, encoder.encode(`${id}.${body}`));
      if (!valid) return invalid;
      const json = fromBase64url(body);
      if (!json) return invalid;
      try {
        const payload: unknown = JSON.parse(new TextDecoder().decode(json));
        return typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? { payload: payload as Record<string, unknown> } : invalid;
      } catch {
        return invalid;
      }
    },
  };
}

const KEY_ID_LABEL = 'serverless-mcp request-state key id';

/** SHA-256 of a JSON value, base64url: binds a state to the exact arguments it was issued for. */
export function digest(value: unknown): Promise<string> {
  return digestText(JSON.stringify(value ?? null));
}

/** SHA-256 of text already serialized (a body that is also sent), base64url. */
export async function digestText(text: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text))));
}
