# Two servers from one module: dog facts behind Cognito OAuth on its own domain, and the utilities server
# behind an API key on API Gateway's own address. Build the bundles first: make build (from the repo root).

module "dog_facts" {
  source = "../../modules/terraform-aws-mcp-server"

  name                   = "mcp-dog-facts"
  local_existing_package = "${var.dist_dir}/dog-facts.zip"
  manifest_path          = "${var.dist_dir}/dog-facts/manifest.json"

  auth_mode                 = "cognito"
  domain_name               = var.domain_name
  hosted_zone_id            = var.hosted_zone_id
  front_door_redirect_hosts = var.redirect_hosts

  memory_size          = 1024
  throttle_rate_limit  = 20
  throttle_burst_limit = 40
  # Response streaming is on (the module creates the function): progress while a tool runs, calls up to
  # 15 minutes. `streaming = false` answers buffered (29 s; timeout at most 28).

  tags = { team = "platform" }
}

module "utilities" {
  source = "../../modules/terraform-aws-mcp-server"

  name                   = "mcp-utilities"
  local_existing_package = "${var.dist_dir}/utilities.zip"
  manifest_path          = "${var.dist_dir}/utilities/manifest.json"

  auth_mode             = "api_key"
  api_key_quota_per_day = 5000
  create_domain_name    = false # served on the stage's execute-api URL

  tags = { team = "platform" }
}
