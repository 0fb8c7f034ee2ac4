from fastapi import FastAPI

app = FastAPI(title="orders")


@app.get("/api/v1/health")
def health() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/api/v1/orders/{order_id}")
def order(order_id: int) -> dict[str, int | str]:
    return {"id": order_id, "status": "shipped"}
