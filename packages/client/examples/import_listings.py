#!/usr/bin/env python3
"""Imports a CSV of parts into the Car Parts Marketplace through its REST API.

Usage:
    CARPARTS_URL=http://127.0.0.1:3000 CARPARTS_USERNAME=northside-salvage CARPARTS_PASSWORD=... \
        python3 import_listings.py parts.csv

Columns (a header row names them; only the first five are required):
    title, part_category, condition, price_cents, currency,
    make, model, year_from, year_to, engine, oem_number, notes

Prices are integer minor units of the currency (12500 USD is $125.00), as everywhere in the API.
Every row is sent on its own: a row the server refuses is reported with the reason per field and the
import goes on. The exit status is 1 when any row was refused.
"""

import csv
import json
import os
import sys
import urllib.error
import urllib.request

BASE_URL = os.environ.get("CARPARTS_URL", "http://127.0.0.1:3000").rstrip("/")


def call(method, path, body=None, token=None):
    """One REST call; returns (status, parsed JSON answer). Failures come back as problem documents."""
    headers = {"accept": "application/json"}
    data = None
    if body is not None:
        headers["content-type"] = "application/json"
        data = json.dumps(body).encode("utf-8")
    if token:
        headers["authorization"] = "Bearer " + token
    request = urllib.request.Request(BASE_URL + "/api/v1" + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def listing_from(row):
    listing = {
        "title": row["title"],
        "partCategory": row["part_category"],
        "condition": row["condition"],
        "priceCents": int(row["price_cents"]) if row["price_cents"].strip().lstrip("-").isdigit() else row["price_cents"],
        "currency": row["currency"],
    }
    if row.get("make"):
        vehicle = {"make": row["make"], "model": row.get("model", "")}
        for column, field in (("year_from", "yearFrom"), ("year_to", "yearTo")):
            if row.get(column):
                vehicle[field] = int(row[column])
        if row.get("engine"):
            vehicle["engine"] = row["engine"]
        listing["coverage"] = [vehicle]
    if row.get("oem_number"):
        listing["partNumbers"] = [{"kind": "oem", "number": row["oem_number"]}]
    if row.get("notes"):
        listing["compatibilityNotes"] = row["notes"]
    return listing


def main(path):
    status, session = call("POST", "/auth/sign-in", {
        "username": os.environ["CARPARTS_USERNAME"],
        "password": os.environ["CARPARTS_PASSWORD"],
    })
    if status != 200:
        print("Could not sign in: " + session.get("detail", str(status)), file=sys.stderr)
        return 2
    token = session["token"]

    refused = 0
    with open(path, newline="", encoding="utf-8") as file:
        for number, row in enumerate(csv.DictReader(file), start=2):
            status, answer = call("POST", "/listings", listing_from(row), token)
            if status == 201:
                print("created {} {}".format(answer["id"], answer["title"]))
                continue
            refused += 1
            print("line {}: {}".format(number, answer.get("detail", status)), file=sys.stderr)
            for field, messages in (answer.get("fieldErrors") or {}).items():
                print("  {}: {}".format(field, "; ".join(messages)), file=sys.stderr)

    call("POST", "/auth/sign-out", token=token)
    return 1 if refused else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
