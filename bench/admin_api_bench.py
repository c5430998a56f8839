#!/usr/bin/env python3
"""WorkMail admin API figures (issue 3): CreateUser and DescribeUser latency (p50, p99) through
boto3 against a throwaway skerryd, and a full ListUsers pagination over many users.

Usage: bench/admin_api_bench.py [--build build] [--users 100000] [--threads 8]
Prints figures only; no assertion. Latencies are client-observed (boto3 + TLS + SigV4)."""
import argparse
import concurrent.futures
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "support"))
import skerry  # noqa: E402


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p / 100))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(os.path.dirname(__file__), "..", "build"))
    ap.add_argument("--users", type=int, default=100000)
    ap.add_argument("--samples", type=int, default=1000)
    ap.add_argument("--threads", type=int, default=8)
    args = ap.parse_args()
    os.environ["SKERRY_BUILD_DIR"] = os.path.abspath(args.build)
    skerry.SKERRYD = os.path.join(os.environ["SKERRY_BUILD_DIR"], "src/server/skerryd")
    import boto3
    import botocore.config

    with skerry.Server() as s:
        creds = json.load(open(os.path.join(s.data_dir, "admin-credentials.json")))
        cfg = botocore.config.Config(max_pool_connections=args.threads * 2, retries={"max_attempts": 1})
        client = boto3.client("workmail", endpoint_url=s.base_url, verify=os.path.join(s.data_dir, "tls/cert.pem"),
                              region_name="us-east-1", aws_access_key_id=creds["accessKeyId"],
                              aws_secret_access_key=creds["secretAccessKey"], config=cfg)
        org = client.create_organization(Alias=f"bench{int(time.time())}")["OrganizationId"]

        create_ms, ids = [], []
        for i in range(args.samples):
            t = time.perf_counter()
            ids.append(client.create_user(OrganizationId=org, Name=f"lat{i:06d}", DisplayName=f"Latency {i}")["UserId"])
            create_ms.append((time.perf_counter() - t) * 1000)
        describe_ms = []
        for i in range(args.samples):
            t = time.perf_counter()
            client.describe_user(OrganizationId=org, UserId=ids[i % len(ids)])
            describe_ms.append((time.perf_counter() - t) * 1000)
        print(f"CreateUser   p50 {pct(create_ms, 50):7.2f} ms  p99 {pct(create_ms, 99):7.2f} ms  ({args.samples} sequential calls)")
        print(f"DescribeUser p50 {pct(describe_ms, 50):7.2f} ms  p99 {pct(describe_ms, 99):7.2f} ms  ({args.samples} sequential calls)")

        remaining = max(0, args.users - args.samples)
        t = time.perf_counter()

        def make(i):
            client.create_user(OrganizationId=org, Name=f"u{i:07d}", DisplayName=f"User {i}")

        with concurrent.futures.ThreadPoolExecutor(args.threads) as pool:
            list(pool.map(make, range(remaining)))
        bulk = time.perf_counter() - t
        if remaining:
            print(f"CreateUser   {remaining / bulk:7.0f} users/s with {args.threads} client threads ({remaining} users)")

        t = time.perf_counter()
        pages = listed = 0
        for page in client.get_paginator("list_users").paginate(OrganizationId=org, PaginationConfig={"PageSize": 100}):
            pages += 1
            listed += len(page["Users"])
        took = time.perf_counter() - t
        print(f"ListUsers    {listed} users in {pages} pages: {took:6.2f} s ({took / max(pages, 1) * 1000:.1f} ms/page)")
        print(f"skerryd RSS  {int(open(f'/proc/{s.proc.pid}/status').read().split('VmRSS:')[1].split()[0]) / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
