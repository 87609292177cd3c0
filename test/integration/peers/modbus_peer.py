"""Modbus TCP server for integration tests: serves a register image with pymodbus 3.0.

Usage: /usr/bin/python3 modbus_peer.py --port 15020 --image fixtures/modbus/sunspec-meters.json

The image is JSON: {"units": {"<unitId>": {"holding": [{"address": a, "values": [...]}, ...],
"input": [...]}}}. Only listed registers exist; reading any other address gets exception 2 (illegal data
address), as a real device answers outside its map. Unknown unit ids get no answer.
"""

import argparse
import asyncio
import json
import logging
import sys

from pymodbus.datastore import (
    ModbusServerContext,
    ModbusSlaveContext,
    ModbusSparseDataBlock,
)
from pymodbus.server import StartAsyncTcpServer


def sparse_block(blocks):
    values = {}
    for block in blocks:
        for i, value in enumerate(block["values"]):
            if not 0 <= value <= 0xFFFF:
                raise ValueError(f"register {block['address'] + i}: {value} is not a 16-bit word")
            values[block["address"] + i] = value
    # A placeholder keeps an empty table valid; address 65535 is never read by the tests.
    return ModbusSparseDataBlock(values or {65535: 0})


def build_context(image):
    slaves = {}
    for unit_id, tables in image["units"].items():
        # zero_mode: request address N reads table entry N (pymodbus otherwise adds 1).
        slaves[int(unit_id)] = ModbusSlaveContext(
            hr=sparse_block(tables.get("holding", [])),
            ir=sparse_block(tables.get("input", [])),
            co=ModbusSparseDataBlock({65535: 0}),
            di=ModbusSparseDataBlock({65535: 0}),
            zero_mode=True,
        )
    return ModbusServerContext(slaves=slaves, single=False)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--image", required=True)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    # pymodbus logs every exception reply at ERROR; the tests provoke them on purpose.
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.CRITICAL)
    with open(args.image, encoding="utf-8") as f:
        image = json.load(f)
    context = build_context(image)
    print(f"serving {args.image} on 127.0.0.1:{args.port}", flush=True)
    asyncio.run(
        StartAsyncTcpServer(
            context=context,
            address=("127.0.0.1", args.port),
            allow_reuse_address=True,
            ignore_missing_slaves=True,
        )
    )


if __name__ == "__main__":
    sys.exit(main())
