output "dog_facts_url" {
  description = "MCP endpoint of the dog-facts server (OAuth: clients discover and register on their own)."
  value       = module.dog_facts.mcp_url
}

output "dog_facts_claude_code" {
  description = "Adds the dog-facts server to Claude Code."
  value       = module.dog_facts.claude_code_command
}

output "utilities_url" {
  description = "MCP endpoint of the utilities server (send X-Api-Key)."
  value       = module.utilities.mcp_url
}

output "utilities_api_key" {
  description = "The utilities server's API key: terraform output -raw utilities_api_key."
  value       = module.utilities.api_key_value
  sensitive   = true
}

output "dog_facts_role_name" {
  description = "The dog-facts function's IAM role: attach more policies to it."
  value       = module.dog_facts.lambda_role_name
}
