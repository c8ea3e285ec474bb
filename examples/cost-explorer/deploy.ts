import type { DeployConfig } from '@serverless-mcp/modules';

/**
 * How `make deploy SERVER=cost-explorer` deploys this server. Cost data is sensitive, so callers sign in
 * (Cognito OAuth) and the function may call exactly the Cost Explorer reads its adapter sends
 * (test/deploy.test.ts keeps this list and src/aws-cost-explorer.ts in step).
 */
export const deploy: DeployConfig = {
  authMode: 'cognito',
  // Explicit, although Lambda would pick AWS anyway: a deployed server must never answer with demo data.
  environment: { COST_EXPLORER_MODE: 'aws' },
  policyStatements: [
    {
      actions: ['ce:GetCostAndUsage', 'ce:GetCostForecast', 'ce:GetSavingsPlansCoverage'],
      // These Cost Explorer actions support no resource-level permissions: IAM accepts only "*" for them.
      resources: ['*'],
    },
    {
      actions: ['ce:GetAnomalies'],
      // Anomaly Detection can scope access to monitor ARNs, but get_cost_anomalies reads the anomalies of
      // every monitor (it sends no MonitorArn), so it needs them all: "*".
      resources: ['*'],
    },
  ],
};
