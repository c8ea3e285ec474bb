import type { ApiGatewayResource } from '@cdktf/provider-aws/lib/api-gateway-resource/index.js';
import type { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api/index.js';
import type { TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { SERVER_CARD_CACHE_CONTROL, SERVER_CARD_MEDIA_TYPE } from '../server-card.ts';
import { pathPart, type ApiRoutes } from './methods.ts';

export interface ServerCardRoutesProps {
  api: ApiGatewayRestApi;
  routes: ApiRoutes;
  /** The API's parts, which the deployment watches. */
  parts: TerraformResource[];
  /** `/mcp` and `/.well-known`. */
  mcp: ApiGatewayResource;
  wellKnown: ApiGatewayResource;
  card: { body: string; etag: string };
}

/**
 * The server card at both of its locations, `/mcp/server-card` (the one the draft reserves) and
 * `/.well-known/mcp/server-card.json`: mock integrations (no Lambda), open in every auth mode, CORS open to
 * any origin as the draft requires (public read-only metadata), cacheable with its ETag: If-None-Match with
 * it gets 304.
 */
export class ServerCardRoutes extends Construct {
  constructor(scope: Construct, id: string, props: ServerCardRoutesProps) {
    super(scope, id);
    const child = (address: string, parentId: string, part: string) => pathPart(this, address, props.api.id, parentId, part, props.parts);
    const headers = {
      // The template is the JSON one (the Accept a client sends picks nothing else); the header names the card's type.
      'Content-Type': SERVER_CARD_MEDIA_TYPE,
      ETag: props.card.etag,
      'Cache-Control': SERVER_CARD_CACHE_CONTROL,
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Expose-Headers': 'ETag',
    };
    // A 304 carries the validators and caching headers of the 200 it stands for (RFC 9110), no body.
    const { 'Content-Type': _type, ...notModified } = headers;
    const preflight = {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'GET,OPTIONS',
      'Access-Control-Allow-Headers': 'Content-Type,If-None-Match',
      'Access-Control-Max-Age': '600',
    };
    const serve = (key: string, resource: ApiGatewayResource) => {
      props.routes.add(`${key}_get`, { resourceId: resource.id, httpMethod: 'GET', mock: { status: 200, body: props.card.body, headers, revalidate: { etag: props.card.etag, headers: notModified } } });
      props.routes.add(`${key}_options`, { resourceId: resource.id, httpMethod: 'OPTIONS', mock: { status: 204, headers: preflight } });
    };
    serve('server_card', child('server_card', props.mcp.id, 'server-card'));
    const wellKnownMcp = child('well_known_mcp', props.wellKnown.id, 'mcp');
    serve('server_card_well_known', child('server_card_json', wellKnownMcp.id, 'server-card.json'));
  }
}
