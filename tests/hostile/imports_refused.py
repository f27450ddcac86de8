try:
    import sys
except ImportError as e:
    print(e)
try:
    import subprocess
except ImportError as e:
    print(e)
try:
    import socket
except ImportError as e:
    print(e)
try:
    import pathlib
except ImportError as e:
    print(e)
try:
    import shutil
except ImportError as e:
    print(e)
try:
    import ctypes
except ImportError as e:
    print(e)
try:
    import importlib
except ImportError as e:
    print(e)
try:
    import io
except ImportError as e:
    print(e)
try:
    import builtins
except ImportError as e:
    print(e)
try:
    import signal
except ImportError as e:
    print(e)
try:
    import multiprocessing
except ImportError as e:
    print(e)
try:
    import tempfile
except ImportError as e:
    print(e)
try:
    import urllib.request
except ImportError as e:
    print(e)
try:
    import http.client
except ImportError as e:
    print(e)
