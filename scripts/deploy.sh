#!/usr/bin/env bash
# Builds the WaApp image, pushes it to ECR and creates or updates the CloudFormation stack of one environment.
#
# Usage: ./scripts/deploy.sh ENVIRONMENT [--image-tag TAG] [--skip-build] [--dry-run]
#   ENVIRONMENT   staging | production (reads deploy/environments/ENVIRONMENT.env)
#   --image-tag   image tag to build and deploy (default: the current git commit, short form)
#   --skip-build  deploy an image that is already in ECR (CI builds once, then deploys the same tag)
#   --dry-run     print every command instead of running it; needs no AWS credentials and no Docker
#
# Network settings come from the environment (the setup script prints the values for a default VPC):
#   WAAPP_VPC_ID              VPC of the tasks and the load balancer                          (required)
#   WAAPP_SERVICE_SUBNETS     comma-separated subnets for the tasks                            (required)
#   WAAPP_LB_SUBNETS          comma-separated public subnets for the load balancer, 2+ AZs      (required)
#   WAAPP_ASSIGN_PUBLIC_IP    ENABLED for public task subnets without a NAT (default DISABLED)
#   WAAPP_CERTIFICATE_ARN     ACM certificate for HTTPS (default: none, HTTP only)
#   WAAPP_SILO_COUNT, WAAPP_GATEWAY_COUNT   desired task counts (default 2 and 2)
#   WAAPP_ENABLE_APP_RUNNER   true to also run the gateway on App Runner (existing App Runner accounts only)
#   WAAPP_ECR_REPOSITORY      ECR repository name (default waapp)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
template="$root/deploy/aws/cloudformation/infrastructure.yaml"

die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

usage() {
  # The comment block at the top of this file.
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"
  exit "${1:-0}"
}

environment=""
image_tag=""
skip_build=false
dry_run=false
while [ $# -gt 0 ]; do
  case "$1" in
    --image-tag)
      [ $# -ge 2 ] || die "--image-tag needs a value"
      image_tag="$2"
      shift 2
      ;;
    --skip-build) skip_build=true; shift ;;
    --dry-run) dry_run=true; shift ;;
    -h | --help) usage 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *)
      [ -z "$environment" ] || die "only one environment may be given"
      environment="$1"
      shift
      ;;
  esac
done

case "$environment" in
  staging | production) ;;
  "") die "no environment given: ./scripts/deploy.sh staging|production [--dry-run]" ;;
  *) die "unknown environment '$environment' (expected staging or production)" ;;
esac

env_file="$root/deploy/environments/$environment.env"
[ -f "$env_file" ] || die "missing $env_file"

# Prints the value of KEY from the environment file (empty when absent).
setting() {
  sed -n "s/^$1=//p" "$env_file" | tail -n 1
}

# Runs a command, or prints it in --dry-run mode.
run() {
  if [ "$dry_run" = true ]; then
    printf '+'
    printf ' %q' "$@"
    printf '\n'
  else
    "$@"
  fi
}

require_tool() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' is required but not on PATH ($2)"
}

require_variable() {
  [ -n "${!1:-}" ] || die "$1 is not set ($2)"
}

region="$(setting DynamoDB__Service)"
case "$region" in
  "" | http://* | https://*) die "DynamoDB__Service in $env_file must be an AWS region name to deploy (found '${region}')" ;;
esac
table_prefix="$(setting DynamoDB__TablePrefix)"
cluster_id="$(setting Orleans__ClusterId)"
service_id="$(setting Orleans__ServiceId)"
graph_api_base_url="$(setting WhatsApp__GraphApiBaseUrl)"
graph_api_version="$(setting WhatsApp__ApiVersion)"
# The media bucket's lifecycle rule; a file that does not name it keeps the stack's default (365 days).
media_retention_days="$(setting Media__RetentionDays)"
media_retention_days="${media_retention_days:-365}"
[[ "$media_retention_days" =~ ^[1-9][0-9]*$ ]] || die "Media__RetentionDays in $env_file must be a positive number of days (found '$media_retention_days')"
for name in table_prefix cluster_id service_id graph_api_base_url graph_api_version; do
  [ -n "${!name}" ] || die "$env_file is missing a value for $name"
done

require_variable WAAPP_VPC_ID "the VPC id, e.g. vpc-0abc..."
require_variable WAAPP_SERVICE_SUBNETS "comma-separated subnet ids for the tasks"
require_variable WAAPP_LB_SUBNETS "comma-separated public subnet ids (2+ AZs) for the load balancer"

if [ -z "$image_tag" ]; then
  image_tag="$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null)" || die "not a git checkout: pass --image-tag"
fi
repository="${WAAPP_ECR_REPOSITORY:-waapp}"
stack="waapp-$environment"

if [ "$dry_run" = true ]; then
  account="${AWS_ACCOUNT_ID:-123456789012}"
  printf 'dry run: nothing is built, pushed or deployed; commands are printed as they would run\n'
else
  require_tool aws "AWS CLI v2: https://docs.aws.amazon.com/cli/"
  account="$(aws sts get-caller-identity --query Account --output text)" || die "no AWS credentials (aws sts get-caller-identity failed)"
fi
registry="$account.dkr.ecr.$region.amazonaws.com"
image="$registry/$repository:$image_tag"

# Tags are immutable in the repository: an image that is already there is deployed as it is.
if [ "$skip_build" = false ] && [ "$dry_run" = false ] &&
  aws ecr describe-images --region "$region" --repository-name "$repository" --image-ids "imageTag=$image_tag" >/dev/null 2>&1; then
  printf '==> %s is already in ECR; not building it again\n' "$image"
  skip_build=true
fi

if [ "$skip_build" = false ]; then
  [ "$dry_run" = true ] || require_tool docker "Docker with BuildKit"
  printf '==> build and push %s\n' "$image"
  if [ "$dry_run" = true ]; then
    printf '+ aws ecr get-login-password --region %q | docker login --username AWS --password-stdin %q\n' "$region" "$registry"
  else
    aws ecr get-login-password --region "$region" | docker login --username AWS --password-stdin "$registry"
  fi
  run docker build --platform linux/amd64 --target runtime --tag "$image" "$root"
  run docker push "$image"
fi

printf '==> deploy stack %s in %s\n' "$stack" "$region"
run aws cloudformation deploy \
  --region "$region" \
  --stack-name "$stack" \
  --template-file "$template" \
  --capabilities CAPABILITY_IAM \
  --no-fail-on-empty-changeset \
  --parameter-overrides \
  "EnvironmentName=$environment" \
  "TablePrefix=$table_prefix" \
  "ClusterId=$cluster_id" \
  "ServiceId=$service_id" \
  "GraphApiBaseUrl=$graph_api_base_url" \
  "GraphApiVersion=$graph_api_version" \
  "MediaRetentionDays=$media_retention_days" \
  "ImageUri=$image" \
  "VpcId=$WAAPP_VPC_ID" \
  "ServiceSubnetIds=$WAAPP_SERVICE_SUBNETS" \
  "LoadBalancerSubnetIds=$WAAPP_LB_SUBNETS" \
  "AssignPublicIp=${WAAPP_ASSIGN_PUBLIC_IP:-DISABLED}" \
  "CertificateArn=${WAAPP_CERTIFICATE_ARN:-}" \
  "SiloDesiredCount=${WAAPP_SILO_COUNT:-2}" \
  "GatewayDesiredCount=${WAAPP_GATEWAY_COUNT:-2}" \
  "EnableAppRunner=${WAAPP_ENABLE_APP_RUNNER:-false}"

printf '==> stack outputs\n'
run aws cloudformation describe-stacks --region "$region" --stack-name "$stack" \
  --query 'Stacks[0].Outputs[].[OutputKey,OutputValue]' --output table
