import { TerraformElement } from 'cdktf';
import type { Construct } from 'constructs';

/**
 * Every address a resource had before it got its chosen one (construct path plus hash, up to issue 12),
 * and where it lives now. `moved` blocks from these let an existing deployment plan as an in-place
 * upgrade: no function, API or user pool is destroyed and recreated. The old per-route API Gateway
 * resources each move into one instance of the for_each resource (`aws_api_gateway_method.this["mcp_post"]`).
 *
 * When an address changes again, add its old → new pair here (modules/test/addresses.test.ts fails
 * otherwise); when a resource goes away on purpose, list it in DESTROYED_ON_PURPOSE instead.
 */
export const MOVES: readonly (readonly [from: string, to: string])[] = [
  ["aws_acm_certificate.server_domain_new-certificate_3017E70B", "aws_acm_certificate.this"],
  ["aws_acm_certificate_validation.server_domain_new-certificate_validated_AB193195", "aws_acm_certificate_validation.this"],
  ["aws_api_gateway_account.server_api_account-logging_account_5EC6CD6C", "aws_api_gateway_account.this"],
  ["aws_api_gateway_api_key.server_api-key_FD04A2B7", "aws_api_gateway_api_key.this"],
  ["aws_api_gateway_authorizer.server_api_authorizer_6C813E9F", "aws_api_gateway_authorizer.cognito"],
  ["aws_api_gateway_authorizer.server_api_lambda-authorizer_F28E1809", "aws_api_gateway_authorizer.lambda"],
  ["aws_api_gateway_base_path_mapping.server_domain_mapping_07468CB5", "aws_api_gateway_base_path_mapping.this"],
  ["aws_api_gateway_deployment.server_api_deployment_E2E4706C", "aws_api_gateway_deployment.this"],
  ["aws_api_gateway_domain_name.server_domain_0656649C", "aws_api_gateway_domain_name.this"],
  ["aws_api_gateway_gateway_response.server_api_access-denied_0A0855D4", "aws_api_gateway_gateway_response.access_denied"],
  ["aws_api_gateway_gateway_response.server_api_default-4xx_B6ACEE32", "aws_api_gateway_gateway_response.default_4xx"],
  ["aws_api_gateway_gateway_response.server_api_default-5xx_18EEB654", "aws_api_gateway_gateway_response.default_5xx"],
  ["aws_api_gateway_gateway_response.server_api_unauthorized_929761B9", "aws_api_gateway_gateway_response.unauthorized"],
  ["aws_api_gateway_integration.server_api_health-get-integration_2CB1245E", "aws_api_gateway_integration.this[\"health_get\"]"],
  ["aws_api_gateway_integration.server_api_mcp-delete-integration_7C3C2CDB", "aws_api_gateway_integration.this[\"mcp_delete\"]"],
  ["aws_api_gateway_integration.server_api_mcp-get-integration_3501653E", "aws_api_gateway_integration.this[\"mcp_get\"]"],
  ["aws_api_gateway_integration.server_api_mcp-options-integration_E6C39201", "aws_api_gateway_integration.this[\"mcp_options\"]"],
  ["aws_api_gateway_integration.server_api_mcp-post-integration_5859AFE8", "aws_api_gateway_integration.this[\"mcp_post\"]"],
  ["aws_api_gateway_integration.server_api_oauth_asm-get-integration_C1034DFA", "aws_api_gateway_integration.this[\"asm_get\"]"],
  ["aws_api_gateway_integration.server_api_oauth_asm-options-integration_0B6FB5D1", "aws_api_gateway_integration.this[\"asm_options\"]"],
  ["aws_api_gateway_integration.server_api_oauth_oidc-get-integration_E66FD920", "aws_api_gateway_integration.this[\"oidc_get\"]"],
  ["aws_api_gateway_integration.server_api_oauth_oidc-options-integration_4AA94C87", "aws_api_gateway_integration.this[\"oidc_options\"]"],
  ["aws_api_gateway_integration.server_api_oauth_prm-mcp-get-integration_30D89BF4", "aws_api_gateway_integration.this[\"prm_mcp_get\"]"],
  ["aws_api_gateway_integration.server_api_oauth_prm-mcp-options-integration_EFDA0BCA", "aws_api_gateway_integration.this[\"prm_mcp_options\"]"],
  ["aws_api_gateway_integration.server_api_oauth_prm-root-get-integration_634C9584", "aws_api_gateway_integration.this[\"prm_root_get\"]"],
  ["aws_api_gateway_integration.server_api_oauth_prm-root-options-integration_A665782D", "aws_api_gateway_integration.this[\"prm_root_options\"]"],
  ["aws_api_gateway_integration.server_api_oauth_register-options-integration_E4A387E6", "aws_api_gateway_integration.this[\"register_options\"]"],
  ["aws_api_gateway_integration.server_api_oauth_register-post-integration_26205006", "aws_api_gateway_integration.this[\"register_post\"]"],
  ["aws_api_gateway_integration_response.server_api_health-get-integration-response_846635BC", "aws_api_gateway_integration_response.this[\"health_get\"]"],
  ["aws_api_gateway_integration_response.server_api_mcp-delete-integration-response_7F7B75BA", "aws_api_gateway_integration_response.this[\"mcp_delete\"]"],
  ["aws_api_gateway_integration_response.server_api_mcp-get-integration-response_013F89BA", "aws_api_gateway_integration_response.this[\"mcp_get\"]"],
  ["aws_api_gateway_integration_response.server_api_mcp-options-integration-response_B5011D5F", "aws_api_gateway_integration_response.this[\"mcp_options\"]"],
  ["aws_api_gateway_integration_response.server_api_oauth_asm-get-integration-response_AF9EBFEB", "aws_api_gateway_integration_response.this[\"asm_get\"]"],
  ["aws_api_gateway_integration_response.server_api_oauth_asm-options-integration-response_4A077F72", "aws_api_gateway_integration_response.this[\"asm_options\"]"],
  ["aws_api_gateway_integration_response.server_api_oauth_oidc-get-integration-response_605C4EB8", "aws_api_gateway_integration_response.this[\"oidc_get\"]"],
  ["aws_api_gateway_integration_response.server_api_oauth_oidc-options-integration-response_77E6A848", "aws_api_gateway_integration_response.this[\"oidc_options\"]"],
  ["aws_api_gateway_integration_response.server_api_oauth_prm-mcp-get-integration-response_11E730C7", "aws_api_gateway_integration_response.this[\"prm_mcp_get\"]"],
  ["aws_api_gateway_integration_response.server_api_oauth_prm-mcp-options-integration-response_176608C9", "aws_api_gateway_integration_response.this[\"prm_mcp_options\"]"],
  ["aws_api_gateway_integration_response.server_api_oauth_prm-root-get-integration-response_21FE3B13", "aws_api_gateway_integration_response.this[\"prm_root_get\"]"],
  ["aws_api_gateway_integration_response.server_api_oauth_prm-root-options-integration-response_4D6ECEF3", "aws_api_gateway_integration_response.this[\"prm_root_options\"]"],
  ["aws_api_gateway_integration_response.server_api_oauth_register-options-integration-response_11AC867E", "aws_api_gateway_integration_response.this[\"register_options\"]"],
  ["aws_api_gateway_method.server_api_health-get-method_C535C434", "aws_api_gateway_method.this[\"health_get\"]"],
  ["aws_api_gateway_method.server_api_mcp-delete-method_37692730", "aws_api_gateway_method.this[\"mcp_delete\"]"],
  ["aws_api_gateway_method.server_api_mcp-get-method_B58BCAD6", "aws_api_gateway_method.this[\"mcp_get\"]"],
  ["aws_api_gateway_method.server_api_mcp-options-method_0426A979", "aws_api_gateway_method.this[\"mcp_options\"]"],
  ["aws_api_gateway_method.server_api_mcp-post-method_D4D7782C", "aws_api_gateway_method.this[\"mcp_post\"]"],
  ["aws_api_gateway_method.server_api_oauth_asm-get-method_DA05CDD9", "aws_api_gateway_method.this[\"asm_get\"]"],
  ["aws_api_gateway_method.server_api_oauth_asm-options-method_80E867DE", "aws_api_gateway_method.this[\"asm_options\"]"],
  ["aws_api_gateway_method.server_api_oauth_oidc-get-method_0889076F", "aws_api_gateway_method.this[\"oidc_get\"]"],
  ["aws_api_gateway_method.server_api_oauth_oidc-options-method_675C8810", "aws_api_gateway_method.this[\"oidc_options\"]"],
  ["aws_api_gateway_method.server_api_oauth_prm-mcp-get-method_6CD96E2A", "aws_api_gateway_method.this[\"prm_mcp_get\"]"],
  ["aws_api_gateway_method.server_api_oauth_prm-mcp-options-method_35827DAE", "aws_api_gateway_method.this[\"prm_mcp_options\"]"],
  ["aws_api_gateway_method.server_api_oauth_prm-root-get-method_E2FE2E0C", "aws_api_gateway_method.this[\"prm_root_get\"]"],
  ["aws_api_gateway_method.server_api_oauth_prm-root-options-method_5518A1F9", "aws_api_gateway_method.this[\"prm_root_options\"]"],
  ["aws_api_gateway_method.server_api_oauth_register-options-method_B858B7CC", "aws_api_gateway_method.this[\"register_options\"]"],
  ["aws_api_gateway_method.server_api_oauth_register-post-method_FCA056BC", "aws_api_gateway_method.this[\"register_post\"]"],
  ["aws_api_gateway_method_response.server_api_health-get-response_CBD4AAEA", "aws_api_gateway_method_response.this[\"health_get\"]"],
  ["aws_api_gateway_method_response.server_api_mcp-delete-response_9F70DEF3", "aws_api_gateway_method_response.this[\"mcp_delete\"]"],
  ["aws_api_gateway_method_response.server_api_mcp-get-response_15421A84", "aws_api_gateway_method_response.this[\"mcp_get\"]"],
  ["aws_api_gateway_method_response.server_api_mcp-options-response_EDD1DC52", "aws_api_gateway_method_response.this[\"mcp_options\"]"],
  ["aws_api_gateway_method_response.server_api_oauth_asm-get-response_67AFA439", "aws_api_gateway_method_response.this[\"asm_get\"]"],
  ["aws_api_gateway_method_response.server_api_oauth_asm-options-response_CFECEE4E", "aws_api_gateway_method_response.this[\"asm_options\"]"],
  ["aws_api_gateway_method_response.server_api_oauth_oidc-get-response_7CEDD7E2", "aws_api_gateway_method_response.this[\"oidc_get\"]"],
  ["aws_api_gateway_method_response.server_api_oauth_oidc-options-response_A86B2F50", "aws_api_gateway_method_response.this[\"oidc_options\"]"],
  ["aws_api_gateway_method_response.server_api_oauth_prm-mcp-get-response_5FE1BD7E", "aws_api_gateway_method_response.this[\"prm_mcp_get\"]"],
  ["aws_api_gateway_method_response.server_api_oauth_prm-mcp-options-response_660D608C", "aws_api_gateway_method_response.this[\"prm_mcp_options\"]"],
  ["aws_api_gateway_method_response.server_api_oauth_prm-root-get-response_87618961", "aws_api_gateway_method_response.this[\"prm_root_get\"]"],
  ["aws_api_gateway_method_response.server_api_oauth_prm-root-options-response_13540EEB", "aws_api_gateway_method_response.this[\"prm_root_options\"]"],
  ["aws_api_gateway_method_response.server_api_oauth_register-options-response_878EF6F5", "aws_api_gateway_method_response.this[\"register_options\"]"],
  ["aws_api_gateway_method_settings.server_api_throttle-all_1A78F69F", "aws_api_gateway_method_settings.all"],
  ["aws_api_gateway_method_settings.server_api_throttle-register_89A50F36", "aws_api_gateway_method_settings.register"],
  ["aws_api_gateway_resource.server_api_health_274DF95D", "aws_api_gateway_resource.health"],
  ["aws_api_gateway_resource.server_api_mcp_F18D2EA0", "aws_api_gateway_resource.mcp"],
  ["aws_api_gateway_resource.server_api_oauth_asm_57AD7C32", "aws_api_gateway_resource.oauth_authorization_server"],
  ["aws_api_gateway_resource.server_api_oauth_oidc_5736882F", "aws_api_gateway_resource.openid_configuration"],
  ["aws_api_gateway_resource.server_api_oauth_prm-mcp_45FD34AA", "aws_api_gateway_resource.oauth_protected_resource_mcp"],
  ["aws_api_gateway_resource.server_api_oauth_prm_245D0AE3", "aws_api_gateway_resource.oauth_protected_resource"],
  ["aws_api_gateway_resource.server_api_oauth_register_5D0B0AAC", "aws_api_gateway_resource.register"],
  ["aws_api_gateway_resource.server_api_oauth_well-known_4BBB8493", "aws_api_gateway_resource.well_known"],
  ["aws_api_gateway_rest_api.server_api_DF896EE2", "aws_api_gateway_rest_api.this"],
  ["aws_api_gateway_stage.server_api_stage_F6B9F08C", "aws_api_gateway_stage.this"],
  ["aws_api_gateway_usage_plan.server_api-key_plan_326C92C0", "aws_api_gateway_usage_plan.this"],
  ["aws_api_gateway_usage_plan_key.server_api-key_plan-key_AB878679", "aws_api_gateway_usage_plan_key.this"],
  ["aws_cloudwatch_event_rule.server_registration_cleanup-schedule_CF6A509B", "aws_cloudwatch_event_rule.registration_cleanup"],
  ["aws_cloudwatch_event_target.server_registration_cleanup-target_4B90BED4", "aws_cloudwatch_event_target.registration_cleanup"],
  ["aws_cloudwatch_log_group.server_api_access-logs_F37CC7EB", "aws_cloudwatch_log_group.access_logs"],
  ["aws_cloudwatch_log_group.server_function_logs_6767AC47", "aws_cloudwatch_log_group.lambda"],
  ["aws_cloudwatch_log_group.server_registration_function_logs_6B683A8E", "aws_cloudwatch_log_group.registration"],
  ["aws_cognito_resource_server.server_auth_resource-server_47739E1F", "aws_cognito_resource_server.this"],
  ["aws_cognito_user_pool.server_auth_new-pool_538414F7", "aws_cognito_user_pool.this"],
  ["aws_cognito_user_pool_client.server_auth_cli-client_907B94AA", "aws_cognito_user_pool_client.cli"],
  ["aws_cognito_user_pool_domain.server_auth_new-pool_domain_5EEB34E4", "aws_cognito_user_pool_domain.this"],
  ["aws_iam_role.server_api_account-logging_role_E1FD77E3", "aws_iam_role.api_gateway_cloudwatch"],
  ["aws_iam_role.server_function_role_30DACBFD", "aws_iam_role.lambda"],
  ["aws_iam_role.server_registration_function_role_404C3300", "aws_iam_role.registration"],
  ["aws_iam_role_policy.server_function_policy_73AD19A7", "aws_iam_role_policy.lambda"],
  ["aws_iam_role_policy.server_registration_function_policy_7026F460", "aws_iam_role_policy.registration"],
  ["aws_iam_role_policy_attachment.server_api_account-logging_policy_71B54CE4", "aws_iam_role_policy_attachment.api_gateway_cloudwatch"],
  ["aws_lambda_alias.server_function_live_ADCB1896", "aws_lambda_alias.this"],
  ["aws_lambda_function.server_function_9C01EF62", "aws_lambda_function.this"],
  ["aws_lambda_function.server_registration_function_7ECEAC93", "aws_lambda_function.registration"],
  ["aws_lambda_permission.server_api_invoke_39526E83", "aws_lambda_permission.api_gateway"],
  ["aws_lambda_permission.server_api_lambda-authorizer_invoke_F5EA7E28", "aws_lambda_permission.authorizer"],
  ["aws_lambda_permission.server_api_oauth_register-invoke_D53275C6", "aws_lambda_permission.registration_api_gateway"],
  ["aws_lambda_permission.server_registration_cleanup-invoke_66F74B31", "aws_lambda_permission.registration_cleanup"],
  ["aws_lambda_provisioned_concurrency_config.server_function_provisioned_3293400B", "aws_lambda_provisioned_concurrency_config.this"],
  ["aws_route53_record.server_domain_alias-a_2E741B84", "aws_route53_record.a"],
  ["aws_route53_record.server_domain_alias-aaaa_E78516F3", "aws_route53_record.aaaa"],
  ["aws_route53_record.server_domain_new-certificate_validation_0E81ADF1", "aws_route53_record.validation"],];

/** Old addresses whose resources were removed on purpose (a plan destroys them). None so far. */
export const DESTROYED_ON_PURPOSE: readonly string[] = [];

/**
 * The `moved` blocks. In the plain module every old resource had `count` (the module's `create`), so a
 * whole counted resource moves to a counted one, and its instance [0] to a for_each instance; in the CDKTF
 * app nothing was counted.
 */
export function movedBlocks(counted: boolean): { from: string; to: string }[] {
  return MOVES.map(([from, to]) => {
    const toInstance = to.includes('[');
    return { from: counted && toInstance ? `${from}[0]` : from, to };
  });
}

/** A top-level `moved` list in the synthesized JSON (cdktf has no construct for a moved block to an instance key). */
export class MovedBlocks extends TerraformElement {
  private readonly blocks: { from: string; to: string }[];

  constructor(scope: Construct, id: string, blocks: { from: string; to: string }[]) {
    super(scope, id);
    this.blocks = blocks;
  }

  override toTerraform(): Record<string, unknown> {
    return { moved: this.blocks };
  }
}
