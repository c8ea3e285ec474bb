variable "region" {
  description = "AWS Region of both servers."
  type        = string
  default     = "eu-west-1"
}

variable "dist_dir" {
  description = "Where make build wrote the bundles and manifests (the repository's dist/)."
  type        = string
  default     = "../../dist"
}

variable "domain_name" {
  description = "Domain of the dog-facts server, e.g. dog-facts.mcp.example.com (OAuth discovery lives at its root)."
  type        = string
}

variable "hosted_zone_id" {
  description = "Route53 zone holding domain_name."
  type        = string
}

variable "redirect_hosts" {
  description = "https redirect hosts the front door accepts beside the known clients' (claude.ai, chatgpt.com, vscode.dev...; loopback always)."
  type        = list(string)
  default     = []
}
