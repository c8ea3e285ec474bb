/**
 * `requestState` for multi-round input (2026-07-28 "input required" results). The client echoes it back
 * byte for byte, but it is attacker-controlled, so it is sealed with HMAC-SHA-256 (Web Crypto: the same
 * code on Lambda, Node and Workers), bound to the method, target, arguments and caller, and expires.
 */

export interface StateCodec {
  seal(payload: Record<string, unknown>): Promise<string>;
  /** The payload, or undefined when the state was tampered with, forged or is malformed. */
  open(state: string): Promise<Record<string, unknown> | undefined>;
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
  const getKey = (): Promise<CryptoKey> => {
    const raw =
      secret === undefined ? crypto.getRandomValues(new Uint8Array(32)) : typeof secret === 'string' ? encoder.encode(secret) : secret;
    key ??= crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    return key;
  };
  return {
    async seal(payload) {
      const body = base64url(encoder.encode(JSON.stringify(payload)));
      const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await getKey(), encoder.encode(body)));
      return `${body}.${base64url(mac)}`;
    },
    async open(state) {
      const dot = state.indexOf('.');
      if (dot <= 0) return undefined;
      const body = state.slice(0, dot);
      const mac = fromBase64url(state.slice(dot + 1));
      if (!mac) return undefined;
      const valid = await crypto.subtle.verify('HMAC', await getKey(), mac, encoder.encode(body));
      if (!valid) return undefined;
      const json = fromBase64url(body);
      if (!json) return undefined;
      try {
        const payload: unknown = JSON.parse(new TextDecoder().decode(json));
        return typeof payload === 'object' && payload !== null && !Array.isArray(payload)
          ? (payload as Record<string, unknown>)
          : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/** SHA-256 of a JSON value, base64url: binds a state to the exact arguments it was issued for. */
export async function digest(value: unknown): Promise<string> {
  const hash = await crypto.subtle.digest('SHA-256', encoder.encode(JSON.stringify(value ?? null)));
  return base64url(new Uint8Array(hash));
}
