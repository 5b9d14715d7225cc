"""example.py runs against the server and prints what it should."""

import os
import subprocess
import sys
import unittest

from support import server

EXAMPLE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "example.py")


class ExampleTest(unittest.TestCase):
    def test_example_runs(self):
        if server() is None:
            self.skipTest("BOYODB_PORT is not set: no server to test against")
        package_dir = os.path.dirname(EXAMPLE)
        environment = dict(os.environ, PYTHONPATH=package_dir)
        result = subprocess.run([sys.executable, EXAMPLE], env=environment, capture_output=True,
                                text=True, timeout=300)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.splitlines(), [
            "columns: customer TEXT, count BIGINT, sum DECIMAL(38,2)",
            "Ada: 2 orders, 27.49 total",
            "Grace: 1 orders, 5.00 total",
            "Ada's orders: #1 19.99, #3 7.50",
            "Grace's orders: #2 5.00",
        ])


if __name__ == "__main__":
    unittest.main()
