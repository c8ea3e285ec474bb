# serverless-mcp. Every target installs what it needs (npm ci, which also brings the pinned Node 24).
# Node 24 from node_modules/.bin is used for everything below, whatever `node` the machine has.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(PATH)
# Inside the repository the kit is used from its TypeScript sources (see handler-kit/package.json).
export NODE_OPTIONS := $(strip $(filter-out --conditions=@serverless-mcp/source,$(NODE_OPTIONS)) --conditions=@serverless-mcp/source)
SERVER ?= tasks
PORT ?= 3000
INSTALLED := node_modules/.installed

.DEFAULT_GOAL := help
.PHONY: help install dev test typecheck unit conformance inspect doctor build bench synth module deploy destroy clean

help: ## List the targets
	@echo "serverless-mcp: remote MCP servers on AWS Lambda"
	@echo
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo
	@echo "Variables: SERVER=<example> (default tasks), PORT=<port> (default 3000)"
	@echo "  make dev AUTH=oauth: sign-in with a local identity provider on PORT+1 (DEV_USER=dev, DEV_PASSWORD=dev-password by default)"
	@echo "  make test TEST_WORKERS=n: n test workers (default: one more than the cores, as tests wait on the servers and clients they start)"
	@echo "  make build KEEP_FEATURES=1: keep every kit feature in the bundles (by default each leaves out what its server cannot reach)"
	@echo "  make doctor URL=<mcp url>: TOKEN=<access token> adds the MCP calls, API_KEY=<key> for api_key servers, NO_REGISTER=1 makes no test registrations; make deploy ends with it (DOCTOR=0 skips it)"

$(INSTALLED): package.json package-lock.json $(wildcard */package.json examples/*/package.json)
	npm ci --no-audit --no-fund
	@touch $@

install: $(INSTALLED) ## Install dependencies (npm ci) and the pinned Node 24

dev: $(INSTALLED) ## Serve an example on 127.0.0.1:3000/mcp (SERVER=tasks, PORT=3000); AUTH=oauth puts it behind the OAuth front door
	PORT=$(PORT) AUTH=$(AUTH) DEV_USER=$(DEV_USER) DEV_PASSWORD=$(DEV_PASSWORD) node scripts/dev.ts $(SERVER)

# Incremental: what tsc learnt is kept in .cache/ (make clean removes it), so a run after a small change
# checks only what it affects; type errors are reported again on every run until fixed.
TYPECHECK := tsc -p tsconfig.json --incremental --tsBuildInfoFile .cache/typecheck.tsbuildinfo

typecheck: $(INSTALLED) ## Type-check everything (tsc --strict)
	@mkdir -p .cache
	$(TYPECHECK)

unit: $(INSTALLED) ## Run the test suite only (vitest), without the type-check
	@mkdir -p .cache; rm -f .cache/test-results.json; \
	vitest run; status=$$?; node scripts/test-summary.ts; summary=$$?; \
	exit $$(( status || summary ))

# The type-check runs beside vitest (TypeScript 7's tsc takes about 2 s and 4 CPU seconds on a fresh clone,
# while vitest's workers wait on the processes and servers they start); its output is printed after
# vitest's, before the closing `N passed, N failed` line, which counts a failed type-check as a failure.
test: $(INSTALLED) ## Run every test: type-check, unit, official clients, conformance, Inspector CLI
	@mkdir -p .cache; rm -f .cache/test-results.json .cache/typecheck.log; \
	{ $(TYPECHECK) > .cache/typecheck.log 2>&1; echo $$? > .cache/typecheck.status; } & \
	vitest run; status=$$?; wait; \
	typecheck=$$(cat .cache/typecheck.status 2>/dev/null || echo 1); \
	echo "$$ $(TYPECHECK)"; cat .cache/typecheck.log; \
	if [ "$$typecheck" = 0 ]; then echo "typecheck: no errors"; else echo "typecheck: FAILED (exit $$typecheck)"; fi; \
	node scripts/test-summary.ts .cache/test-results.json $$( [ "$$typecheck" = 0 ] || echo --typecheck-failed ); summary=$$?; \
	exit $$(( status || summary || typecheck != 0 ))

conformance: $(INSTALLED) ## Run the official conformance suite (both requirement sets) and summarize
	node scripts/conformance.ts

inspect: $(INSTALLED) ## List SERVER's tools with MCP Inspector's CLI (starts the server on a free port)
	node scripts/inspect.ts $(SERVER)

# Credentials reach the doctor through its environment (MCP_DOCTOR_TOKEN, MCP_DOCTOR_API_KEY), never its command line.
doctor: $(INSTALLED) ## Check a server from the outside as Claude, ChatGPT, Cursor, VS Code, Codex and Gemini will: URL=https://mcp.example.com/mcp
	@test -n "$(URL)" || { echo "usage: make doctor URL=https://mcp.example.com/mcp [TOKEN=...] [API_KEY=...] [NO_REGISTER=1]" >&2; exit 2; }
	@MCP_DOCTOR_TOKEN="$$TOKEN" MCP_DOCTOR_API_KEY="$$API_KEY" node handler-kit/src/doctor/cli.ts '$(URL)' $(if $(NO_REGISTER),--no-register,)

build: $(INSTALLED) ## Bundle every server (or SERVER=x) and the front door: dist/<server>/index.mjs, manifest.json, reproducible .zip; dist/functions/front-door.zip
	node scripts/build.ts $(if $(filter command line environment,$(origin SERVER)),$(SERVER),)

bench: $(INSTALLED) ## Benchmark the kit beside the peers (../shared/peerbench); writes bench/RESULTS.md
	node bench/run.ts

synth: build ## Synthesize the CDKTF stack for SERVER into cdktf.out/ (AUTH_MODE, DOMAIN, HOSTED_ZONE_ID, REGION...)
	SERVER=$(SERVER) node modules/app.ts
	@echo "cdktf.out/stacks/mcp-$(SERVER)/cdk.tf.json"

module: $(INSTALLED) ## Regenerate the plain Terraform module modules/terraform-aws-mcp-server/ (commit it; CI checks it is current)
	node scripts/module.ts

# The credentials check runs before anything else, the install included, on any Node.
deploy: ## Deploy SERVER to AWS with Terraform (needs AWS credentials: checked before anything runs)
	@node scripts/lib/aws-credentials.mjs deploy
	@$(MAKE) --no-print-directory install
	SERVER=$(SERVER) node scripts/deploy.ts deploy

destroy: ## Destroy SERVER's stack (needs AWS credentials)
	@node scripts/lib/aws-credentials.mjs destroy
	@$(MAKE) --no-print-directory install
	SERVER=$(SERVER) node scripts/deploy.ts destroy

clean: ## Remove build output and caches
	rm -rf dist .cache cdktf.out
