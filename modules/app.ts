/**
 * The CDKTF app behind `make synth` and `make deploy` (cdktf.json). One stack per server, configured by
 * environment or make variables:
 *
 *   SERVER (tasks)        the example under examples/ whose dist/<server>.zip and manifest.json to deploy
 *   NAME (mcp-<server>)   prefix of every resource name
 *   REGION (eu-west-1)    AWS Region (or AWS_REGION)
 *   AUTH_MODE (cognito)   cognito | api_key | authorizer_arn | none
 *   DOMAIN, HOSTED_ZONE_ID, CERTIFICATE_ARN   custom domain (DOMAIN and HOSTED_ZONE_ID required for cognito)
 *   USER_POOL_ID, USER_POOL_ARN, COGNITO_DOMAIN_PREFIX   share an existing pool and its hosted-UI domain
 *   COGNITO_DOMAIN_PREFIX alone                          name a new pool's hosted-UI domain
 *   REDIRECT_HOSTS, PRIVATE_REDIRECT_URIS   extra https redirect hosts / exact private-use redirect URIs the
 *                         front door accepts (comma- or space-separated; the known clients' and loopback always)
 *   ALLOW_ANY_REDIRECT=true   any https or private-use redirect URI (unsafe)
 *   REGISTRATION_TTL_SECONDS, MAX_REGISTRATIONS, CONSENT_TTL_SECONDS, CIMD=false   the front door's lifetimes
 *   TABLE_KMS_KEY_ARN, TABLE_PITR=true, TABLE_DELETION_PROTECTION=true   its DynamoDB table
 *   WAF=true (WAF_REGISTER_LIMIT, WAF_TOKEN_LIMIT)   per-address AWS WAF limits on /register and /token
 *   AUTHORIZER_ARN        the Lambda authorizer (authorizer_arn mode)
 *   RATE_LIMIT, BURST_LIMIT, REGISTER_RATE_LIMIT, REGISTER_BURST_LIMIT, TOKEN_RATE_LIMIT, TOKEN_BURST_LIMIT,
 *   FRONT_DOOR_RATE_LIMIT, FRONT_DOOR_BURST_LIMIT   throttling;  QUOTA_PER_DAY (api_key)
 *   ACCESS_LOGGING (off)  off | account_role_set (the account's API Gateway CloudWatch role is already set)
 *                         | manage_account_role (this stack sets that Region-wide role); MANAGE_APIGW_ACCOUNT=true
 *                         is the old spelling of manage_account_role
 *   MCP_STATE_SECRET      the request-state secret (generated once and kept in the state when unset)
 *   COGNITO_DELETION_PROTECTION=false   the first step of destroying a cognito stack (deploy, then destroy)
 *   COGNITO_MFA (OPTIONAL) OFF | OPTIONAL | ON
 *   STATE_BUCKET          S3 bucket for the Terraform state (local state otherwise)
 *   DIST_DIR (dist), OUT_DIR (cdktf.out)   where the build output is read and the stacks are written
 *
 * examples/<server>/deploy.ts (a DeployConfig) adds what the server itself needs: its default auth mode,
 * memory, environment (fixed, or copied from the deployer's variables it names), IAM statements, and
 * resources beside it (e.g. the reports example's state machine).
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { App, S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadDeployConfig, serverConfigFromEnv } from './src/app-config.ts';
import type { DeployConfig } from './src/deploy-config.ts';
import { readManifest } from './src/manifest.ts';
import { McpServer, type McpServerProps } from './src/mcp-server.ts';
import { serverOutputs } from './src/outputs.ts';
import { withoutEscapeSequenceWarnings } from './src/quiet-synth.ts';
import { RandomProvider } from './src/random.ts';
import { AWS_PROVIDER } from './src/terraform-module/clean.ts';

const ROOT = join(import.meta.dirname, '..');

export class McpServerStack extends TerraformStack {
  readonly server: McpServer;
  constructor(scope: Construct, id: string, props: McpServerProps & { region: string; stateBucket?: string; resources?: DeployConfig['resources'] }) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: props.region, defaultTags: [{ tags: { 'managed-by': 'serverless-mcp' } }] });
    // The binding was generated from hashicorp/aws 6.25, which caps STREAM integrations at 300,000 ms: ask
    // for the provider the synthesized JSON needs (the same constraint as the plain module).
    this.addOverride('terraform.required_providers.aws.version', AWS_PROVIDER.version);
    new RandomProvider(this, 'random');
    if (props.stateBucket) new S3Backend(this, { bucket: props.stateBucket, key: `serverless-mcp/${id}.tfstate`, region: props.region });
    // The example's own resources first: the server's function gets their environment and permissions.
    const extra = props.resources?.(this, { name: props.name, tags: { 'mcp:server': props.manifest.name, ...props.tags } }) ?? {};
    const fn = props.function ?? {};
    this.server = new McpServer(this, 'server', {
      ...props,
      function: {
        ...fn,
        environment: { ...fn.environment, ...extra.environment },
        policyStatements: [...(fn.policyStatements ?? []), ...(extra.policyStatements ?? [])],
      },
    });
    for (const [name, o] of Object.entries(serverOutputs(this.server.result))) new TerraformOutput(this, name, o);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = serverConfigFromEnv(process.env, ROOT, await loadDeployConfig(ROOT, process.env.SERVER || 'tasks'));
  for (const path of [config.zipPath, config.manifestPath, config.frontDoorZipPath]) {
    if (path && !existsSync(path)) throw new Error(`${path} is missing: run make build first`);
  }
  withoutEscapeSequenceWarnings(() => {
    const app = new App({ outdir: process.env.OUT_DIR || join(ROOT, 'cdktf.out') });
    new McpServerStack(app, config.stackName, {
      ...config.props,
      manifest: readManifest(config.manifestPath),
      region: config.region,
      ...(config.stateBucket ? { stateBucket: config.stateBucket } : {}),
      ...(config.resources ? { resources: config.resources } : {}),
    });
    app.synth();
  });
}
