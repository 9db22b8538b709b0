# ruff: noqa: E501  (letter bodies keep the lines their writers typed)
"""Letters 301 on: more training letters for phrasings of quantities, shortages, articles
and categories that the first sets use little (written by the extractor's tuner, so ids
divisible by five are held out only by the usual rule, not blind)."""

from build import J, L, X

LETTERS = [
    # 301
    L("ru", "shortage", "ordered N, received M with units in both",
      "Олег Сизов <o.sizov@stroy-ts.ru>", "Недопоставка по заказу 45-1170",
      """Добрый день.

По заказу 45-1170 заказывали 40 мешков цемента М500, а доставили 36 мешков.
Прошу довезти недостающие 4 мешка на объект: г. Тверь, ул. Складская, 8.

Сизов О., прораб""",
      order_number="45-1170", product_name="цемента М500", unit="pcs",
      quantity_ordered="40", quantity_received="36", location="г. Тверь, ул. Складская, 8",
      grounds="заказывали 40 мешков цемента М500, а доставили 36 мешков",
      demand="delivery_of_missing"),
    # 302
    L("en", "shortage", "'we ordered N but only M arrived'",
      "Tom Harlow <tom@harlowcafe.co.uk>", "Order 40-7712 - short",
      """Hi,

We ordered 12 packs of paper cups (order 40-7712) but only 9 arrived yesterday.
Could you send the other three, please?

Tom Harlow
Harlow Cafe, 4 Mill Road, Leeds""",
      order_number="40-7712", product_name="paper cups", unit="pack",
      quantity_ordered="12", quantity_received="9", location="Harlow Cafe, 4 Mill Road, Leeds",
      grounds="We ordered 12 packs of paper cups but only 9 arrived",
      demand="delivery_of_missing"),
    # 303
    L("ru", "shortage", "«вместо N привезли M»",
      "Анна Клюева <klyueva.a@mail.ru>", "Привезли меньше",
      """Здравствуйте! Заказ 77-5521, краска фасадная Tikkurila 9 л. Вместо 6 банок привезли 4 банки.
Верните деньги за недостающие или довезите.
Анна, 8 916 220-11-45""",
      order_number="77-5521", product_name="краска фасадная Tikkurila 9 л", unit="pcs",
      quantity_ordered="6", quantity_received="4",
      grounds="Вместо 6 банок привезли 4 банки", demand=["refund", "delivery_of_missing"],
      phone="+79162201145"),
    # 304
    L("en", "shortage", "'the invoice says N, we received M'",
      "Receiving Dept <goods-in@brightmarket.ie>", "Short delivery INV-664120",
      """Hello,

Invoice INV-664120 says 40 cartons of A4 copy paper, we received 36 cartons.
The driver's note confirms the count. Please credit the difference.

Goods-in, Bright Market, Unit 5, Ballymount, Dublin 12""",
      invoice_number="INV-664120", product_name="A4 copy paper", unit="box",
      quantity_ordered="40", quantity_received="36",
      location="Bright Market, Unit 5, Ballymount, Dublin 12",
      grounds="Invoice INV-664120 says 40 cartons of A4 copy paper, we received 36 cartons",
      demand="refund"),
    # 305
    L("ru", "shortage", "«должно быть N, а по факту M»",
      "Склад ООО Вектор <sklad@vektor-opt.ru>", "Расхождение по ТН-7730",
      """Добрый день. По накладной ТН-7730 перчатки нитриловые: должно быть 50 упаковок, а по факту 44 упак.
Акт составлен. Просим допоставить.""",
      waybill_number="ТН-7730", product_name="перчатки нитриловые", unit="pack",
      quantity_ordered="50", quantity_received="44",
      grounds="должно быть 50 упаковок, а по факту 44 упак.", demand="delivery_of_missing"),
    # 306
    L("en", "shortage", "'expected N ... got M', units in words",
      "Priya Nair <priya.nair@gmail.com>", "Missing chairs",
      """Hi there,
order 82-4410: I expected 6 dining chairs but got 4. Two boxes never came.
Please send the missing chairs or refund them.
Priya""",
      order_number="82-4410", product_name="dining chairs",
      quantity_ordered="6", quantity_received="4",
      grounds="I expected 6 dining chairs but got 4", demand=["delivery_of_missing", "refund"]),
    # 307
    L("ru", "shortage", "«из N пришло только M»",
      "Виктор <v.gusev@yandex.ru>", "заказ 88-3390 неполный",
      """здравствуйте, из 24 банок корма Гурмэ пришло только 20. заказ 88-3390
дошлите остальные""",
      order_number="88-3390", product_name="корма Гурмэ", unit="pcs",
      quantity_ordered="24", quantity_received="20",
      grounds="из 24 банок корма Гурмэ пришло только 20", demand="delivery_of_missing"),
    # 308
    L("en", "shortage", "'Qty ordered: N / Qty received: M' lines",
      "Stores <stores@kelvinlabs.com>", "Discrepancy on PO 5531",
      """Good morning,

Delivery against our PO 5531 (your order 40-8120):
Item: Nitrile gloves M, SKU GL-NM100
Qty ordered: 20 boxes
Qty received: 17 boxes

Please ship the balance.

Kelvin Labs Stores""",
      order_number=["5531", "40-8120"], product_name="Nitrile gloves M", product_sku="GL-NM100",
      unit="box", quantity_ordered="20", quantity_received="17",
      grounds="Qty ordered: 20 boxes\nQty received: 17 boxes", demand="delivery_of_missing"),
    # 309
    L("ru", "shortage", "«оплатили N, получили M», kg",
      "Ирина Белова <belova@kofe-dom.ru>", "Недовес кофе",
      """Добрый день. Оплатили 30 кг кофе в зернах Lavazza (заказ 45-2290), получили 27 кг.
Прошу вернуть деньги за 3 кг.""",
      order_number="45-2290", product_name="кофе в зернах Lavazza", unit="kg",
      quantity_ordered="30", quantity_received="27",
      grounds="Оплатили 30 кг кофе в зернах Lavazza, получили 27 кг", demand="refund"),
    # 310
    L("en", "shortage", "'the order was for N; M were delivered'",
      "Mark Ellis <mark.ellis@outlook.com>", "Order 82-1904 incomplete",
      """Hello, the order was for 10 bar stools; 8 were delivered on Friday. The other two are missing.
Please deliver them. Mark""",
      order_number="82-1904", product_name="bar stools",
      quantity_ordered="10", quantity_received="8",
      grounds="the order was for 10 bar stools; 8 were delivered", demand="delivery_of_missing"),
    # 311
    L("ru", "damage", "damage; quantity N шт. and article in brackets",
      "Павел Рябов <ryabov.p@gmail.com>", "Разбитая плитка",
      """Здравствуйте. Получил плитку Kerama Marazzi (арт. KM-SG9134) 12 упаковок, заказ 77-4108.
При вскрытии 3 упаковки оказались с битой плиткой, углы отколоты. Фото прилагаю.
Прошу заменить битые упаковки.""",
      att=[J("IMG_4410.jpg"), J("IMG_4411.jpg")],
      order_number="77-4108", product_name="плитку Kerama Marazzi", product_sku="KM-SG9134",
      quantity="12", unit="pack",
      grounds="3 упаковки оказались с битой плиткой, углы отколоты", demand="replacement"),
    # 312
    L("en", "damage", "damage; 'item no.' article, crushed carton",
      "Helen Park <helen.park@parkdesign.co.uk>", "Damaged lamp order 40-6631",
      """Hi,

The floor lamp (item no. FL-2207) from order 40-6631 arrived today in a crushed carton,
the shade is dented and the glass diffuser is cracked. Photos attached.

Please replace it.

Helen""",
      att=[J("lamp1.jpg"), J("lamp2.jpg")],
      order_number="40-6631", product_name="floor lamp", product_sku="FL-2207",
      grounds="the shade is dented and the glass diffuser is cracked", demand="replacement"),
    # 313
    L("ru", "defect", "defect described by symptom words, «артикул:»",
      "Марина Котова <kotova.m@list.ru>", "Пылесос не всасывает",
      """Добрый вечер. Купила пылесос Karcher VC 3, артикул: KR-VC3, 14 ноября, заказ 88-5012.
Через две недели пылесос перестал всасывать, мотор гудит, но тяги нет.
Прошу отремонтировать или заменить.""",
      order_number="88-5012", product_name="пылесос Karcher VC 3", product_sku="KR-VC3",
      grounds="пылесос перестал всасывать, мотор гудит, но тяги нет",
      demand=["repair", "replacement"], purchase_date="2026-11-14"),
    # 314
    L("en", "defect", "defect by symptom, 'model' word",
      "Gary Wong <gwong@fastmail.com>", "Blender problem",
      """Hello,
I bought the Ninja blender, model BN-750, on 3 November (order 82-6677). The lid
no longer locks and the motor cuts out after a few seconds. It has been used maybe five times.
I would like a refund.
Gary Wong""",
      order_number="82-6677", product_name="Ninja blender", product_sku="BN-750",
      grounds="The lid no longer locks and the motor cuts out after a few seconds",
      demand="refund", purchase_date="2026-11-03"),
    # 315
    L("ru", "wrong_item", "wrong size in words «прислали размер 42 вместо 44»",
      "Елена Миронова <mironova.e@yandex.ru>", "Не тот размер",
      """Здравствуйте. В заказе 77-9031 куртка мужская Outventure, заказывала размер 52, прислали 48.
Прошу обменять на нужный размер.""",
      order_number="77-9031", product_name="куртка мужская Outventure",
      grounds="заказывала размер 52, прислали 48", demand="replacement"),
    # 316
    L("en", "wrong_item", "received another colour",
      "Sophie Turner <sophie.t@gmail.com>", "Order 40-1187",
      """Hi, I ordered the sofa cushions in navy (2 pcs) but received grey ones.
Order 40-1187. Can you swap them for navy?
Sophie""",
      order_number="40-1187", product_name="sofa cushions", quantity="2", unit="pcs",
      grounds="received grey ones", demand="replacement"),
    # 317
    L("ru", "delay", "delay, plain words «не доставили в срок»",
      "Сергей Пахомов <pakhomov.s@mail.ru>", "Заказ 45-8820 не доставлен",
      """Добрый день. Заказ 45-8820 (шкаф-купе) должны были доставить 24 ноября. Прошла неделя, заказа нет,
никто ничего не сообщает. Если не привезёте до пятницы, прошу вернуть деньги.""",
      order_number="45-8820", product_name="шкаф-купе",
      grounds="должны были доставить 24 ноября. Прошла неделя, заказа нет",
      demand="refund"),
    # 318
    L("en", "delay", "delay, 'haven't received my parcel'",
      "Laura Kent <laura.kent@yahoo.com>", "Parcel never came",
      """Hello, I placed order 82-5050 on 18 November with 2-day delivery and I still haven't
received my parcel. The tracking hasn't changed for a week. Please sort it out or refund me.
Laura""",
      order_number="82-5050", purchase_date="2026-11-18",
      grounds="I still haven't received my parcel. The tracking hasn't changed for a week",
      demand="refund"),
    # 319
    L("ru", "service", "service: courier did not carry goods up, rude",
      "Дмитрий Лосев <losev.d@gmail.com>", "Жалоба на курьера",
      """Здравствуйте. Сегодня привозили заказ 88-2718. Курьер отказался поднимать холодильник на этаж,
хотя подъём был оплачен, разговаривал на повышенных тонах. Прошу вернуть деньги за подъём, 900 руб.""",
      order_number="88-2718",
      grounds="Курьер отказался поднимать холодильник на этаж, хотя подъём был оплачен",
      demand="refund", amount="900.00", currency="RUB"),
    # 320
    L("en", "service", "service: refund promised but not paid",
      "Nick Adams <nick.adams@gmail.com>", "Still no refund",
      """Hi, I returned the headphones from order 40-3392 on 10 November and your support said the refund
would be paid within 5 days. Three weeks later nothing, and nobody replies to my emails. Please pay the
refund of £89.99.""",
      order_number="40-3392",
      grounds="Three weeks later nothing, and nobody replies to my emails",
      demand="refund", amount="89.99", currency="GBP"),
    # 321
    L("ru", "other", "other: asks for documents",
      "Бухгалтерия <buh@alfa-opt.ru>", "Документы по заказу 45-6001",
      """Добрый день. Пришлите, пожалуйста, счёт-фактуру и товарную накладную по заказу 45-6001,
в посылке их не было. Спасибо.""",
      order_number="45-6001", grounds="Пришлите, пожалуйста, счёт-фактуру и товарную накладную"),
    # 322
    L("en", "other", "other: cancellation request",
      "Rita Moore <rita.moore@gmail.com>", "Cancel my order",
      """Hello, please cancel order 82-9944, I ordered the same kettle twice by mistake.
Thanks, Rita""",
      order_number="82-9944", product_name="kettle",
      grounds="I ordered the same kettle twice by mistake"),
    # 323
    L("ru", "shortage", "set incomplete: «в комплекте не оказалось»",
      "Юлия Гришина <grishina@inbox.ru>", "Неполный комплект",
      """Добрый день. Заказ 77-6315, шкаф Стокгольм. В комплекте не оказалось 2 дверных петель и ручки.
Без них собрать нельзя. Пришлите недостающие детали.""",
      order_number="77-6315", product_name="шкаф Стокгольм",
      grounds="В комплекте не оказалось 2 дверных петель и ручки", demand="delivery_of_missing"),
    # 324
    L("en", "shortage", "'N of the M ... missing' with order total",
      "Dan Price <dan@pricebuild.com>", "Order 40-5118 missing items",
      """Hi,
We ordered 30 rolls of insulation tape (order 40-5118). Received 25 rolls, 5 missing.
Please send them to our yard: Price Build, 17 Canal St, Manchester.""",
      order_number="40-5118", product_name="insulation tape", unit="pcs",
      quantity_ordered="30", quantity_received="25",
      location="Price Build, 17 Canal St, Manchester",
      grounds="We ordered 30 rolls of insulation tape. Received 25 rolls, 5 missing",
      demand="delivery_of_missing"),
    # 325
    L("ru", "damage", "damage: wet boxes",
      "Склад Мега <priemka@mega-sklad.ru>", "Подмокший товар ТН-5521",
      """По накладной ТН-5521 пришли 10 коробок салфеток бумажных, 2 коробки мокрые, товар испорчен.
Просим заменить.""",
      waybill_number="ТН-5521", product_name="салфеток бумажных", quantity="10", unit="box",
      grounds="2 коробки мокрые, товар испорчен", demand="replacement"),
    # 326
    L("ru", "shortage", "«получили N вместо M» (received first)",
      "Роман Дёмин <demin.r@bk.ru>", "заказ 88-4471",
      """Добрый день! Получили 15 упаковок вместо 20 (бумага А4 SvetoCopy), заказ 88-4471.
Просим допоставить 5 упаковок.""",
      order_number="88-4471", product_name="бумага А4 SvetoCopy", unit="pack",
      quantity_ordered="20", quantity_received="15",
      grounds="Получили 15 упаковок вместо 20", demand="delivery_of_missing"),
    # 327
    L("en", "shortage", "'received N instead of M'",
      "Ola Berg <ola.berg@bergbygg.no>", "Short delivery 40-3360",
      """Hello, we received 18 boxes instead of 24 (order 40-3360, wall tiles).
Please deliver the rest or refund the difference.
Ola Berg""",
      order_number="40-3360", product_name="wall tiles", unit="box",
      quantity_ordered="24", quantity_received="18",
      grounds="we received 18 boxes instead of 24", demand=["delivery_of_missing", "refund"]),
    # 328
    L("ru", "defect", "defect: «течёт», purchase date in words",
      "Наталья Орлова <orlova.n@yandex.ru>", "Чайник течёт",
      """Здравствуйте. 2 ноября купила чайник Vitek VT-7005, заказ 77-1029. Чайник протекает снизу,
на столе лужа. Верните деньги, пожалуйста.""",
      order_number="77-1029", product_name="чайник Vitek VT-7005", product_sku="VT-7005",
      grounds="Чайник протекает снизу, на столе лужа", demand="refund",
      purchase_date="2026-11-02"),
    # 329
    L("en", "damage", "damage noticed on unpacking, quantity in words",
      "Chris Doyle <chris.doyle@eircom.net>", "Broken glasses",
      """Hello,
I ordered two sets of wine glasses (order 82-3027). When I opened the box, four glasses were
smashed. Please send a replacement set.
Chris""",
      order_number="82-3027", product_name="wine glasses", quantity="2", unit="set",
      grounds="four glasses were smashed", demand="replacement"),
    # 330
    L("en", "wrong_item", "wrong model shipped",
      "Ben Carter <ben.carter@gmail.com>", "Wrong printer",
      """Hi, I ordered the HP LaserJet 107a (order 40-2206) and you sent an HP LaserJet 107w.
Please exchange it.""",
      order_number="40-2206", product_name="HP LaserJet 107a",
      grounds="you sent an HP LaserJet 107w", demand="replacement"),
    # 331
    L("ru", "delay", "delay: «перенос доставки уже третий раз»",
      "Людмила Зайцева <zaitseva.l@mail.ru>", "Когда будет доставка?",
      """Добрый день. Заказ 45-3308, диван угловой. Доставку переносят уже третий раз, обещали 26 ноября,
потом 28-го, теперь говорят «на следующей неделе». Сколько можно ждать? Требую неустойку.""",
      order_number="45-3308", product_name="диван угловой",
      grounds="Доставку переносят уже третий раз", demand="compensation"),
    # 332
    L("en", "other", "other: question about warranty terms",
      "Amy Liu <amy.liu@gmail.com>", "Question about warranty",
      """Hello, I bought a coffee machine from you last month (order 82-7720). How long is the warranty
and do I need to register it? Thank you, Amy""",
      order_number="82-7720", product_name="coffee machine",
      grounds="How long is the warranty and do I need to register it"),
    # 333
    L("ru", "service", "service: pickup point refused to hand over",
      "Игорь Шаров <sharov.i@gmail.com>", "Пункт выдачи",
      """Здравствуйте. В пункте выдачи на ул. Ленина, 40 мне отказались выдать заказ 88-6061, сказали,
что нет сотрудника. Приезжал дважды. Прошу разобраться и компенсировать потраченное время.""",
      order_number="88-6061",
      grounds="мне отказались выдать заказ, сказали, что нет сотрудника",
      demand="compensation"),
    # 334
    L("ru", "shortage", "table in XLSX: ordered/received columns",
      "Склад Альфа <sklad@alfa-opt.ru>", "Акт расхождений по ТН-9901",
      """Добрый день. При приёмке по ТН-9901 выявлена недостача, акт во вложении.
Просим допоставить.""",
      att=[X("akt.xlsx", ("Товар", "Артикул", "По накладной", "Принято"),
             ("Ручка гелевая Erich Krause", "ER-GL100", 200, 180))],
      waybill_number="ТН-9901", product_name="Ручка гелевая Erich Krause", product_sku="ER-GL100",
      unit="pcs", quantity_ordered="200", quantity_received="180",
      grounds="При приёмке по ТН-9901 выявлена недостача", demand="delivery_of_missing"),
    # 335
    L("en", "defect", "defect: clothing seams",
      "Kate Hill <kate.hill@gmail.com>", "Jacket falling apart",
      """Hi, the rain jacket from order 40-9123 — the seams started coming apart after two wears and
the zip broke. I'd like a refund please.""",
      order_number="40-9123", product_name="rain jacket",
      grounds="the seams started coming apart after two wears and the zip broke",
      demand="refund"),
    # 336
    L("en", "shortage", "'N units short' with 'delivered M of N'",
      "Ops <ops@harbourfoods.com>", "Short shipment order 82-6402",
      """Team,
Order 82-6402: you delivered 44 of 48 cases of sparkling water. Please ship the missing cases.
Harbour Foods, Dock Road, Cardiff""",
      order_number="82-6402", product_name="sparkling water",
      quantity_ordered="48", quantity_received="44",
      location="Harbour Foods, Dock Road, Cardiff",
      grounds="you delivered 44 of 48 cases of sparkling water", demand="delivery_of_missing"),
    # 337
    L("ru", "wrong_item", "wrong item: привезли другой товар",
      "Олеся Жукова <zhukova.o@mail.ru>", "Привезли не то",
      """Добрый день. Заказывала мультиварку Redmond RMC-M903 (заказ 77-2245), а привезли хлебопечку.
Заберите её и привезите то, что я заказала.""",
      order_number="77-2245", product_name="мультиварку Redmond RMC-M903", product_sku="RMC-M903",
      grounds="а привезли хлебопечку", demand="replacement"),
    # 338
    L("ru", "damage", "damage on delivery, numbers in words",
      "Геннадий Руднев <rudnev.g@yandex.ru>", "Повреждение при доставке",
      """Здравствуйте. Привезли телевизор Samsung UE43AU7100 по заказу 45-7731, экран треснул, на коробке
след от удара. Прошу заменить телевизор. Телевизор сейчас у меня дома: г. Казань, ул. Баумана, 12, кв. 4.""",
      order_number="45-7731", product_name="телевизор Samsung UE43AU7100", product_sku="UE43AU7100",
      location="г. Казань, ул. Баумана, 12, кв. 4",
      grounds="экран треснул, на коробке след от удара", demand="replacement"),
    # 339
    L("en", "shortage", "'only M out of N'",
      "Jo Fisher <jo.fisher@gmail.com>", "Missing candles",
      """Hello, I ordered 8 scented candles (order 40-4471) and only 5 out of 8 were in the parcel.
Please send the 3 missing ones.""",
      order_number="40-4471", product_name="scented candles",
      quantity_ordered="8", quantity_received="5",
      grounds="only 5 out of 8 were in the parcel", demand="delivery_of_missing"),
    # 340
    L("ru", "other", "other: change delivery address",
      "Елизавета Громова <gromova@mail.ru>", "Смена адреса",
      """Здравствуйте! Прошу доставить заказ 88-1550 по другому адресу: г. Самара, ул. Гагарина, 15, кв. 7.
Спасибо.""",
      order_number="88-1550", location="г. Самара, ул. Гагарина, 15, кв. 7",
      grounds="Прошу доставить заказ 88-1550 по другому адресу"),
    # 341
    L("ru", "service", "service: installer never came, plain wording",
      "Алексей Титов <titov.a@mail.ru>", "Мастер не пришёл",
      """Здравствуйте. Оплатил установку посудомоечной машины по заказу 45-6620, мастер должен был прийти
вчера с 10 до 14. Никто не пришёл и не позвонил. Верните деньги за установку.""",
      order_number="45-6620", product_name="посудомоечной машины",
      grounds="мастер должен был прийти вчера с 10 до 14. Никто не пришёл и не позвонил",
      demand="refund"),
    # 342
    L("en", "service", "service: charged twice",
      "Omar Haddad <omar.haddad@gmail.com>", "Charged twice for one order",
      """Hello, my card was charged twice for order 82-3141 (£54.00 each time). Please refund the
second payment.
Omar""",
      order_number="82-3141", grounds="my card was charged twice for order 82-3141",
      demand="refund", amount="54.00", currency="GBP"),
    # 343
    L("ru", "other", "other: asks for a discount on a repeat order",
      "Закупки <zakupki@stroymir.ru>", "Скидка на повторный заказ",
      """Добрый день. Планируем повторить заказ 88-4040 в объёме 200 шт. Можете ли вы предоставить скидку
на такой объём? Пришлите, пожалуйста, предложение.""",
      order_number="88-4040", grounds="Можете ли вы предоставить скидку на такой объём"),
    # 344
    L("en", "other", "other: thanks and feedback",
      "Grace Lee <grace.lee@gmail.com>", "Thank you",
      """Hi, just wanted to say thank you - order 40-2777 arrived a day early and the packaging was
excellent. Great service, I will order again.""",
      order_number="40-2777", grounds="just wanted to say thank you"),
    # 345
    L("ru", "defect", "defect: shoes sole came off",
      "Вера Соколова <sokolova.v@yandex.ru>", "Отклеилась подошва",
      """Добрый день. Ботинки зимние Ecco, заказ 77-3302, носила две недели — отклеилась подошва на левом
ботинке. Прошу вернуть деньги.""",
      order_number="77-3302", product_name="Ботинки зимние Ecco",
      grounds="отклеилась подошва на левом ботинке", demand="refund"),
    # 346
    L("en", "defect", "defect: headphones one side silent",
      "Leo Martin <leo.martin@gmail.com>", "Headphones fault",
      """Hello, the Sony headphones from order 82-8008: the left earcup went silent after ten days.
I tried another phone and cable, same thing. Please replace them.""",
      order_number="82-8008", product_name="Sony headphones",
      grounds="the left earcup went silent after ten days", demand="replacement"),
    # 347
    L("ru", "wrong_item", "wrong item: another product in the box",
      "Тимур Ахметов <akhmetov.t@mail.ru>", "В коробке другой товар",
      """Здравствуйте. Заказ 45-9190: открыл коробку, а там утюг вместо фена. Фен Philips мне нужен к
выходным. Прошу срочно заменить.""",
      order_number="45-9190", product_name="Фен Philips",
      grounds="открыл коробку, а там утюг вместо фена", demand="replacement"),
    # 348
    L("en", "wrong_item", "wrong item: wrong size",
      "Ella Brooks <ella.brooks@gmail.com>", "Wrong size boots",
      """Hi, I ordered walking boots in size 38 (order 40-6190) and the box has size 41 in it.
Could you exchange them for 38 please?
Ella""",
      order_number="40-6190", product_name="walking boots",
      grounds="the box has size 41 in it", demand="replacement"),
    # 349
    L("ru", "delay", "delay: parcel stuck",
      "Светлана Ефимова <efimova.s@bk.ru>", "Посылка стоит на месте",
      """Добрый день! Заказ 88-7120 оформлен 20 ноября, по трек-номеру посылка уже неделю стоит на
сортировочном центре. Когда ждать доставку?""",
      order_number="88-7120", purchase_date="2026-11-20",
      grounds="посылка уже неделю стоит на сортировочном центре"),
    # 350
    L("en", "delay", "delay: business, site waiting",
      "Site Office <site@kerrybuild.ie>", "Late delivery PO 7720",
      """Hello, the plasterboard on our PO 7720 (your order 40-7099) was promised for Monday 23 November.
We are still waiting and the crew is idle. Please confirm a delivery date today.""",
      order_number=["7720", "40-7099"], product_name="plasterboard",
      grounds="was promised for Monday 23 November. We are still waiting"),
    # 351
    L("ru", "damage", "damage: leaked liquid in parcel",
      "Кирилл Осипов <osipov.k@gmail.com>", "Разлился шампунь",
      """Здравствуйте, в посылке по заказу 77-8890 разлился шампунь, флакон треснул, остальные вещи
испачканы. Фото во вложении. Прошу вернуть деньги за шампунь.""",
      att=[J("foto1.jpg")],
      order_number="77-8890", product_name="шампунь",
      grounds="разлился шампунь, флакон треснул, остальные вещи испачканы", demand="refund"),
    # 352
    L("en", "damage", "damage: furniture scratched on arrival",
      "Paul Green <paul.green@gmail.com>", "Table arrived damaged",
      """Hello, the oak dining table (order 82-2480) arrived with a deep scratch across the top and a
chipped corner. Photos attached. I'd accept a partial refund or a replacement top.""",
      att=[J("table1.jpg"), J("table2.jpg")],
      order_number="82-2480", product_name="oak dining table",
      grounds="arrived with a deep scratch across the top and a chipped corner",
      demand=["price_reduction", "replacement"]),
    # 353
    L("ru", "service", "service: personal data sent to another customer",
      "Нина Лаврова <lavrova.n@mail.ru>", "Мои данные у чужого человека",
      """Добрый день. Мне позвонила незнакомая женщина: ей пришло письмо с моим заказом 45-1122, адресом
и телефоном. Как такое возможно? Прошу объяснить и принять меры.""",
      order_number="45-1122",
      grounds="ей пришло письмо с моим заказом 45-1122, адресом и телефоном"),
    # 354
    L("en", "other", "other: cancel before dispatch",
      "Jack Wood <jack.wood@gmail.com>", "Please cancel",
      """Hi, I'd like to cancel order 40-5500 before it ships, I found the lamp cheaper locally.
Thanks, Jack""",
      order_number="40-5500", product_name="lamp",
      grounds="I'd like to cancel order 40-5500 before it ships"),
    # 355
    L("ru", "other", "other: asks about stock and pickup",
      "Павел Шаталов <shatalov@mail.ru>", "Вопрос по наличию",
      """Добрый день. Подскажите, есть ли в наличии кресло офисное Бюрократ и можно ли забрать его
самовывозом завтра?""",
      product_name="кресло офисное Бюрократ",
      grounds="есть ли в наличии кресло офисное Бюрократ"),
]
