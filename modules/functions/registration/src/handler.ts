import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context, ScheduledEvent } from 'aws-lambda';
import type { ClientRegistry } from './client-registry.ts';
import { register, removeExpired } from './register.ts';

export interface RegistrationConfig {
  allowedScopes: string[];
  retentionDays: number;
  redirectHosts?: string[];
  maxRegistrations?: number;
}

/** Configuration from the function's environment (set by the infrastructure module). */
export function configFromEnv(env: Record<string, string | undefined>): RegistrationConfig {
  const hosts = (env.REDIRECT_HOSTS ?? '').split(/[\s,]+/).filter(Boolean);
  return {
    allowedScopes: (env.ALLOWED_SCOPES ?? '').split(/[\s,]+/).filter(Boolean),
    retentionDays: Number(env.CLIENT_RETENTION_DAYS ?? 90),
    ...(hosts.length ? { redirectHosts: hosts } : {}),
    maxRegistrations: Number(env.MAX_REGISTRATIONS ?? 500),
  };
}

const isScheduled = (event: unknown): event is ScheduledEvent =>
  typeof event === 'object' && event !== null && (event as ScheduledEvent)['detail-type'] === 'Scheduled Event';

/**
 * One function, two event kinds: `POST /register` from API Gateway (RFC 7591), and a daily schedule that
 * deletes registrations older than the retention period, so the pool's client quota is never exhausted.
 * Logs carry no request body (redirect URIs and names are caller data) and no headers.
 */
export function createRegistrationHandler(registry: ClientRegistry, config: RegistrationConfig, clock: () => Date = () => new Date()) {
  return async (event: APIGatewayProxyEvent | ScheduledEvent, _context?: Context): Promise<APIGatewayProxyResult | { removed: number }> => {
    if (isScheduled(event)) {
      const removed = await removeExpired(registry, config.retentionDays, clock());
      console.log(JSON.stringify({ level: 'INFO', message: 'expired client registrations removed', removed }));
      return { removed };
    }
    const body = event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
    const result = await register(body, registry, config, clock());
    console.log(JSON.stringify({ level: 'INFO', message: 'client registration', status: result.statusCode, requestId: event.requestContext?.requestId }));
    return result;
  };
}
