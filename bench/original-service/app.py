"""(e) The service this API replaces, as its course ran it: `flask run`, a new
KafkaProducer for every request (created in `before_request`, never closed),
the body re-serialised and sent with no key and no flush, and 202 at once,
whether or not Kafka ever got it. Measured, never to be copied."""
import json
import os

from flask import Flask, Response, request
from kafka import KafkaProducer

app = Flask(__name__)
BROKERS = os.environ.get("KAFKA_BROKERS", "127.0.0.1:9092").split(",")
TOPIC = os.environ.get("KAFKA_TOPIC", "computers")
producer = None


@app.before_request
def connect():
    global producer
    producer = KafkaProducer(bootstrap_servers=BROKERS)


@app.route("/api/orders/computers", methods=["POST"])
def create_order():
    producer.send(TOPIC, json.dumps(request.get_json()).encode())
    return Response(status=202)
