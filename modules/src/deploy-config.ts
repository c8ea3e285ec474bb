import type { Construct } from 'constructs';
import type { PolicyStatement } from './function.ts';
import type { AuthConfig } from './mcp-server.ts';

/**
 * What an example declares about its own deployment: `examples/<server>/deploy.ts` exports
 * `deploy: DeployConfig`. `make synth`/`make deploy SERVER=<server>` read it; environment variables
 * (AUTH_MODE, DOMAIN, ...) still override the auth mode.
 */
export interface DeployConfig {
  /** Auth mode when AUTH_MODE is not set (default cognito). */
  authMode?: AuthConfig['mode'];
  memoryMb?: number;
  /** Default 899 s with streaming, 28 s without. */
  timeoutSeconds?: number;
  /** API Gateway response streaming on POST /mcp (default on; the STREAMING environment variable overrides). */
  streaming?: boolean;
  /** Fixed environment of the server's function. */
  environment?: Record<string, string>;
  /**
   * Variables copied from the deployer's environment at synth time (e.g. TASKS_API_URL). A required one
   * that is missing stops synth with its description. They land in the function's environment and in the
   * Terraform state in plain text: for secrets prefer a reference (a parameter name) the tool resolves.
   */
  passEnvironment?: { name: string; required?: boolean; description: string }[];
  /** What the tools may do beyond writing their own logs; least privilege, no wildcards where AWS allows it. */
  policyStatements?: PolicyStatement[];
  /**
   * Resources the server needs beside itself (e.g. a Step Functions state machine). Returns the
   * environment and permissions its function needs to use them.
   */
  resources?: (scope: Construct, context: { name: string; tags: Record<string, string> }) => {
    environment?: Record<string, string>;
    policyStatements?: PolicyStatement[];
  };
}
