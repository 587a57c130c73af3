"""Ejemplo de cliente SOAP del servicio web del SEGIP con zeep (Debian: apt-get install python3-zeep).

Uso: python3 consulta.py http://localhost:5080   (instancia local con datos de demostración)
zeep construye el cliente desde el WSDL que sirve la aplicación; los valores llegan tipados
(fechas como datetime.date, coincidencias como bool).
"""
import sys

from zeep import Client
from zeep.exceptions import Fault
from zeep.wsse.username import UsernameToken

base = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://localhost:5080"
client = Client(base + "/soap/ConsultaService.asmx?wsdl", wsse=UsernameToken("demo-banco", "Demo-Banco-2026"))
error = client.get_element("{http://consulta.segip.gob.bo/servicio/v1}error")

found = client.service.ConsultarDocumento(codigoUsuarioFinal="BD-001", tipoDocumento="CI", numeroDocumento="1234567",
                                          finalidad="Apertura de cuenta de ahorro")
print(f"{found.resultado}: {found.persona.nombres}, nacido el {found.persona.fechaNacimiento:%d/%m/%Y}")

verification = client.service.Contrastar(codigoUsuarioFinal="BD-001", tipoDocumento="CI", numeroDocumento="1234567",
                                         nombres="Juan Carlos", primerApellido="Gomez", finalidad="Verificación de cliente")
matches = {m.campo: m._value_1 for m in verification.coincidencias.coincidencia}
print("Coincidencias:", matches)
assert matches == {"nombres": True, "primerApellido": False}

try:
    client.service.ConsultarDocumento(codigoUsuarioFinal="BD-002", tipoDocumento="CI", numeroDocumento="1234567",
                                      finalidad="Apertura de cuenta de ahorro")
    sys.exit("Se esperaba un fault")
except Fault as fault:
    detail = error.parse(fault.detail[0], client.wsdl.types)
    print(f"Fault {detail.codigo}: {detail.mensaje} (correlación {detail.correlationId})")
    assert detail.codigo == "USUARIO_FINAL_NO_HABILITADO"
