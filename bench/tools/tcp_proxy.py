#!/usr/bin/env python3
"""A TCP forwarder for drills: tcp_proxy.py LISTEN_PORT TARGET_PORT CONTROL_FILE.
While CONTROL_FILE contains "down", it drops every connection and refuses new ones (the listening socket is
closed); with "up" it listens again on the same port. A broker outage for one app only, without stopping
the broker that other test runs on the machine share."""
import os
import socket
import sys
import threading
import time

listen_port, target_port, control = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
conns, lock = set(), threading.Lock()


def pipe(src, dst):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.close()
            except OSError:
                pass


def serve(server):
    while True:
        try:
            client, _ = server.accept()
        except OSError:
            return
        try:
            broker = socket.create_connection(("127.0.0.1", target_port))
        except OSError:
            client.close()
            continue
        with lock:
            conns.update((client, broker))
        threading.Thread(target=pipe, args=(client, broker), daemon=True).start()
        threading.Thread(target=pipe, args=(broker, client), daemon=True).start()


server = None
while True:
    want_up = not (os.path.exists(control) and open(control).read().strip() == "down")
    if want_up and server is None:
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", listen_port))
        server.listen(64)
        threading.Thread(target=serve, args=(server,), daemon=True).start()
    elif not want_up and server is not None:
        try:
            server.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept(); close() alone would not
        except OSError:
            pass
        server.close()
        server = None
        with lock:
            for s in conns:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                    s.close()
                except OSError:
                    pass
            conns.clear()
    time.sleep(0.1)
