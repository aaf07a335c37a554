#!/usr/bin/env python3
"""Memory of the server under unfinished request heads (issue 16, row 4).

Starts the blog (release build) on 127.0.0.1:5078 in a fresh directory,
opens 300 connections that each send SIZE bytes of a request head and
never finish it, and prints the process's resident memory before and
after. With the default `Server::max_head_bytes` (64 KiB), a longer head
is answered 431 and its connection closed; a shorter one is held.

    cargo build --release -p flaxum-examples --example blog
    python3 benches/blog/heads.py [SIZE=389120] [BINARY]

Bounded: 300 connections to 127.0.0.1, held for one second.
"""
import asyncio
import sys

import blogproc

SIZE = int(sys.argv[1]) if len(sys.argv) > 1 else 380 * 1024
BIN = blogproc.binary(sys.argv[2] if len(sys.argv) > 2 else None)
N, PORT = 300, 5078


async def crowd(pid):
    start = blogproc.memory(pid)
    conns = []
    for _ in range(N):
        r, w = await asyncio.open_connection("127.0.0.1", PORT)
        w.write(b"GET / HTTP/1.1\r\nHost: x\r\nX-Pad: " + b"a" * SIZE)
        conns.append(w)
    for w in conns:
        try:
            await asyncio.wait_for(w.drain(), 5)
        except (OSError, asyncio.TimeoutError):
            pass  # the server closed it (431)
    await asyncio.sleep(1.0)
    end = blogproc.memory(pid)
    print(f"{N} unfinished heads of {SIZE} bytes: RSS {start['VmRSS']:.1f} -> {end['VmRSS']:.1f} MiB "
          f"(+{end['VmRSS'] - start['VmRSS']:.1f}), peak {end['VmHWM']:.1f} MiB")


def main():
    blogproc.run(BIN, PORT, crowd)


if __name__ == "__main__":
    main()
