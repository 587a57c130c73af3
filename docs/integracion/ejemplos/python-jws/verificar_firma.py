#!/usr/bin/env python3
"""Verifica la firma del SEGIP (cabecera X-Firma-JWS) de respuestas REST reales con jwcrypto.

Uso: python3 verificar_firma.py URL_BASE [IDENTIFICADOR SECRETO]
Debian: apt-get install python3-jwcrypto

La firma es un JWS separado (RFC 7515) con carga sin codificar (RFC 7797, "b64": false): se firma el cuerpo
exacto recibido, byte a byte. Por eso se verifica con los bytes tal como llegaron, antes de interpretar el JSON.
"""
import base64
import json
import sys
import urllib.error
import urllib.request

from jwcrypto import jwk, jws

base = sys.argv[1].rstrip("/")
client_id = sys.argv[2] if len(sys.argv) > 2 else "demo-banco"
secret = sys.argv[3] if len(sys.argv) > 3 else "Demo-Banco-2026"


def call(method, path, body=None, user=client_id, password=secret):
    """Devuelve (estado, bytes exactos del cuerpo, cabecera X-Firma-JWS)."""
    request = urllib.request.Request(base + path, method=method,
                                     data=None if body is None else json.dumps(body).encode())
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    request.add_header("Authorization", "Basic " + token)
    request.add_header("X-Usuario-Final", "BD-001")
    request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.read(), response.headers["X-Firma-JWS"]
    except urllib.error.HTTPError as error:  # los errores también vienen firmados
        return error.code, error.read(), error.headers["X-Firma-JWS"]


def verify(body, signature, keys):
    """Lanza una excepción si la firma no corresponde a estos bytes o a una clave publicada del SEGIP."""
    protected, empty, value = signature.split(".")
    assert empty == "", "la firma debe ser separada (header..firma)"
    header = json.loads(base64.urlsafe_b64decode(protected + "=" * (-len(protected) % 4)))
    assert header.get("b64") is False and "b64" in header.get("crit", []), "se esperaba carga sin codificar"
    key = keys.get_key(header["kid"])  # kid = huella del certificado (actual o anterior)
    assert key is not None, "kid desconocido: actualice las claves de /api/v1/claves"
    checked = jws.JWS()
    checked.deserialize(json.dumps({"protected": protected, "payload": body.decode("utf-8"), "signature": value}),
                        key, alg=header["alg"])
    return header


with urllib.request.urlopen(base + "/api/v1/claves") as response:
    keys = jwk.JWKSet.from_json(response.read())

status, body, signature = call("POST", "/api/v1/consultas/documento",
                               {"tipoDocumento": "CI", "numeroDocumento": "1234567",
                                "finalidad": "Apertura de cuenta de ahorro"})
header = verify(body, signature, keys)
print(f"consulta: {status}, firma válida ({header['alg']}, kid {header['kid']})")

status, body, signature = call("POST", "/api/v1/consultas/documento", {"tipoDocumento": "CI"}, password="incorrecta")
verify(body, signature, keys)
print(f"error {status}: firma válida")

try:
    verify(body + b" ", signature, keys)
    print("ERROR: un cuerpo alterado pasó la verificación")
    sys.exit(1)
except Exception:
    print("cuerpo alterado: firma rechazada")
