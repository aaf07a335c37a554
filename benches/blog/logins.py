#!/usr/bin/env python3
"""Memory of the blog under a crowd of logins (issue 16, row 13).

Starts the blog (release build) on 127.0.0.1:5077 in a fresh directory,
registers one user, then sends N logins at once with a wrong password
(each one an Argon2 verification of 19 MiB) and prints the process's peak
resident memory (VmHWM) before and after, and the statuses.

    cargo build --release -p flaxum-examples --example blog
    python3 benches/blog/logins.py [N=40] [BINARY]

Bounded: N requests, each with a 120 s timeout, to 127.0.0.1 only.
"""
import asyncio
import sys
import time

import blogproc

N = int(sys.argv[1]) if len(sys.argv) > 1 else 40
BIN = blogproc.binary(sys.argv[2] if len(sys.argv) > 2 else None)
PORT = 5077


async def post(path, body):
    r, w = await asyncio.open_connection("127.0.0.1", PORT)
    w.write((f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{PORT}\r\n"
             "Content-Type: application/x-www-form-urlencoded\r\n"
             f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n{body}").encode())
    await w.drain()
    data = await asyncio.wait_for(r.read(), 120)
    w.close()
    return data.split(b" ")[1].decode()


async def crowd(pid):
    start = blogproc.memory(pid)['VmHWM']
    registered = await post("/auth/register", "username=alice&password=secret123")
    t = time.monotonic()
    codes = await asyncio.gather(*[post("/auth/login", "username=alice&password=wrong")
                                   for _ in range(N)])
    took = time.monotonic() - t
    end = blogproc.memory(pid)['VmHWM']
    print(f"register: {registered}; {N} logins at once: statuses {sorted(set(codes))} in {took:.1f} s")
    print(f"peak memory (VmHWM): {start:.1f} MiB at start, {end:.1f} MiB after: +{end - start:.1f} MiB")


def main():
    blogproc.run(BIN, PORT, crowd)


if __name__ == "__main__":
    main()
