/** Each shape a secret takes in log text, the secret part of it, and what must remain readable. */
export const SECRET_SHAPES: { shape: string; text: string; secret: string }[] = [
  { shape: 'bare JWT', text: 'token was eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJsZWFrIn0.c2lnbmF0dXJlbGVhaw in the body', secret: 'eyJzdWIiOiJsZWFrIn0' },
  { shape: 'JWT cut before its signature', text: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjdXQifQ', secret: 'eyJzdWIiOiJjdXQifQ' },
  { shape: 'AWS access key id', text: 'signed with AKIAZZLEAKLEAK123456 today', secret: 'ZZLEAKLEAK123456' },
  { shape: 'AWS temporary key id', text: 'key ASIAQQLEAKLEAK765432 expired', secret: 'QQLEAKLEAK765432' },
  { shape: 'Cookie header line', text: 'sent Cookie: session=cookieleak123; theme=dark\nnext line', secret: 'cookieleak123' },
  { shape: 'X-Api-Key header line', text: 'headers x-api-key: apikeyleak456 accept: */*', secret: 'apikeyleak456' },
  { shape: 'DSN password', text: 'connect postgres://app:dsnleak789@db.internal:5432/app failed', secret: 'dsnleak789' },
  { shape: 'JSON password in a string', text: 'body {"user":"u","password":"jsonpwleak"} rejected', secret: 'jsonpwleak' },
  { shape: 'escaped JSON secret', text: '{"body":"{\\"client_secret\\":\\"escapedleak\\"}"}', secret: 'escapedleak' },
  { shape: 'X-Custom-Auth header line', text: 'X-Custom-Auth: customauthleak', secret: 'customauthleak' },
  { shape: 'query token', text: 'GET /cb?code=oauthcodeleak&state=1', secret: 'oauthcodeleak' },
];

/** Every shape in one string, as a caller might send it. */
export const ALL_SHAPES = SECRET_SHAPES.map((s) => s.text).join(' | ');

/** Credentials sent in request headers (never logged by the kit at all). */
export const HEADER_SECRETS = {
  authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJoZWFkZXIifQ.aGVhZGVyc2lnbmF0dXJl',
  cookie: 'session=headercookieleak',
  'x-api-key': 'headerapikeyleak',
  'x-custom-auth': 'headercustomauthleak',
};

/** What must never appear in anything a server writes. */
export const NEEDLES = [
  ...SECRET_SHAPES.map((s) => s.secret),
  'eyJzdWIiOiJoZWFkZXIifQ',
  'headercookieleak',
  'headerapikeyleak',
  'headercustomauthleak',
];
