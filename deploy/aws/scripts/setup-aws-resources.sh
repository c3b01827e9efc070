#!/usr/bin/env bash
# First-time AWS setup of one WaApp environment: the ECR repository, (optionally) the GitHub OIDC deploy role,
# then the first build, push and stack creation through scripts/deploy.sh.
#
# Usage: deploy/aws/scripts/setup-aws-resources.sh ENVIRONMENT [--github-repo OWNER/NAME] [--dry-run]
#   ENVIRONMENT     staging | production (reads deploy/environments/ENVIRONMENT.env)
#   --github-repo   also create the IAM OIDC provider for GitHub Actions and the role deploy.yml assumes
#   --dry-run       print every command instead of running it; needs no AWS credentials and no Docker
#
# When WAAPP_VPC_ID is unset, the account's default VPC is used: its default subnets hold both the load balancer and
# the tasks, with public IPs (no NAT needed). Set WAAPP_VPC_ID, WAAPP_SERVICE_SUBNETS and WAAPP_LB_SUBNETS to use
# your own network. Other WAAPP_* variables are passed on to scripts/deploy.sh (see its --help).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"

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
github_repo=""
dry_run=false
while [ $# -gt 0 ]; do
  case "$1" in
    --github-repo)
      [ $# -ge 2 ] || die "--github-repo needs OWNER/NAME"
      github_repo="$2"
      shift 2
      ;;
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
  "") die "no environment given: deploy/aws/scripts/setup-aws-resources.sh staging|production [--dry-run]" ;;
  *) die "unknown environment '$environment' (expected staging or production)" ;;
esac
if [ -n "$github_repo" ] && [[ ! "$github_repo" =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ ]]; then
  die "--github-repo must look like OWNER/NAME (found '$github_repo')"
fi

env_file="$root/deploy/environments/$environment.env"
[ -f "$env_file" ] || die "missing $env_file"
region="$(sed -n 's/^DynamoDB__Service=//p' "$env_file" | tail -n 1)"
case "$region" in
  "" | http://* | https://*) die "DynamoDB__Service in $env_file must be an AWS region name (found '${region}')" ;;
esac
repository="${WAAPP_ECR_REPOSITORY:-waapp}"

run() {
  if [ "$dry_run" = true ]; then
    printf '+'
    printf ' %q' "$@"
    printf '\n'
  else
    "$@"
  fi
}

if [ "$dry_run" = true ]; then
  printf 'dry run: nothing is created; commands are printed as they would run\n'
  account="${AWS_ACCOUNT_ID:-123456789012}"
else
  command -v aws >/dev/null 2>&1 || die "'aws' (AWS CLI v2) is required but not on PATH: https://docs.aws.amazon.com/cli/"
  command -v docker >/dev/null 2>&1 || die "'docker' is required to build the image but not on PATH"
  account="$(aws sts get-caller-identity --query Account --output text)" || die "no AWS credentials (aws sts get-caller-identity failed)"
fi
printf '==> account %s, region %s, environment %s\n' "$account" "$region" "$environment"

printf '==> ECR repository %s\n' "$repository"
if [ "$dry_run" = true ] || ! aws ecr describe-repositories --region "$region" --repository-names "$repository" >/dev/null 2>&1; then
  run aws ecr create-repository --region "$region" --repository-name "$repository" \
    --image-scanning-configuration scanOnPush=true --image-tag-mutability IMMUTABLE
fi

if [ -z "${WAAPP_VPC_ID:-}" ]; then
  printf '==> network: the default VPC\n'
  if [ "$dry_run" = true ]; then
    WAAPP_VPC_ID="vpc-dryrun"
    subnets="subnet-dryrun-a,subnet-dryrun-b"
    printf '+ aws ec2 describe-vpcs --region %s --filters Name=isDefault,Values=true\n' "$region"
    printf '+ aws ec2 describe-subnets --region %s --filters Name=vpc-id,Values=%s Name=default-for-az,Values=true\n' "$region" "$WAAPP_VPC_ID"
  else
    WAAPP_VPC_ID="$(aws ec2 describe-vpcs --region "$region" --filters Name=isDefault,Values=true \
      --query 'Vpcs[0].VpcId' --output text)"
    if [ -z "$WAAPP_VPC_ID" ] || [ "$WAAPP_VPC_ID" = "None" ]; then
      die "no default VPC in $region: create one (aws ec2 create-default-vpc) or set WAAPP_VPC_ID and the subnets"
    fi
    subnets="$(aws ec2 describe-subnets --region "$region" \
      --filters "Name=vpc-id,Values=$WAAPP_VPC_ID" Name=default-for-az,Values=true \
      --query 'Subnets[].SubnetId' --output text | tr '\t' ',')"
    [[ "$subnets" == *,* ]] || die "the default VPC needs subnets in at least two Availability Zones (found '$subnets')"
  fi
  export WAAPP_VPC_ID
  export WAAPP_SERVICE_SUBNETS="${WAAPP_SERVICE_SUBNETS:-$subnets}"
  export WAAPP_LB_SUBNETS="${WAAPP_LB_SUBNETS:-$subnets}"
  export WAAPP_ASSIGN_PUBLIC_IP="${WAAPP_ASSIGN_PUBLIC_IP:-ENABLED}"
  printf '    WAAPP_VPC_ID=%s WAAPP_SERVICE_SUBNETS=%s WAAPP_LB_SUBNETS=%s WAAPP_ASSIGN_PUBLIC_IP=%s\n' \
    "$WAAPP_VPC_ID" "$WAAPP_SERVICE_SUBNETS" "$WAAPP_LB_SUBNETS" "$WAAPP_ASSIGN_PUBLIC_IP"
fi

if [ -n "$github_repo" ]; then
  role="waapp-github-deploy-$environment"
  provider_arn="arn:aws:iam::$account:oidc-provider/token.actions.githubusercontent.com"
  printf '==> GitHub Actions OIDC role %s for %s (environment %s)\n' "$role" "$github_repo" "$environment"
  if [ "$dry_run" = true ] || ! aws iam get-open-id-connect-provider --open-id-connect-provider-arn "$provider_arn" >/dev/null 2>&1; then
    run aws iam create-open-id-connect-provider --url https://token.actions.githubusercontent.com \
      --client-id-list sts.amazonaws.com
  fi
  # Only workflow runs of this repository in this GitHub environment may assume the role.
  trust="$(printf '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"%s"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:%s:environment:%s"}}}]}' \
    "$provider_arn" "$github_repo" "$environment")"
  if [ "$dry_run" = true ] || ! aws iam get-role --role-name "$role" >/dev/null 2>&1; then
    run aws iam create-role --role-name "$role" --assume-role-policy-document "$trust" \
      --description "GitHub Actions deploys of WaApp ($environment)"
  fi
  # The stack creates IAM roles, security groups, a load balancer and ECS services, so the deploy role needs broad
  # rights; the trust condition above is what keeps it to this repository's environment.
  run aws iam attach-role-policy --role-name "$role" --policy-arn arn:aws:iam::aws:policy/AdministratorAccess
  printf '    set the GitHub environment "%s" variable AWS_DEPLOY_ROLE_ARN=arn:aws:iam::%s:role/%s\n' "$environment" "$account" "$role"
fi

deploy_arguments=("$environment")
[ "$dry_run" = false ] || deploy_arguments+=(--dry-run)
AWS_ACCOUNT_ID="$account" "$root/scripts/deploy.sh" "${deploy_arguments[@]}"

cat <<EOF
==> next steps (deploy/DEPLOYMENT_GUIDE.md, step 5): put the real secret values, then restart the services:
  aws secretsmanager put-secret-value --region $region --secret-id waapp/$environment/whatsapp-app-secret --secret-string 'APP_SECRET_FROM_META'
  aws secretsmanager put-secret-value --region $region --secret-id waapp/$environment/whatsapp-verify-token --secret-string 'YOUR_VERIFY_TOKEN'
  aws secretsmanager put-secret-value --region $region --secret-id waapp/$environment/whatsapp-access-token --secret-string 'SYSTEM_USER_ACCESS_TOKEN'
  aws ecs update-service --region $region --cluster waapp-$environment --service silo --force-new-deployment
  aws ecs update-service --region $region --cluster waapp-$environment --service gateway --force-new-deployment
EOF
